// The DNS answers and rules a diagram draws, asked of the engine while the
// section is on screen, every few seconds, so the picture follows the cluster.
import { useEffect, useState } from 'react';
import type { LessonDiagram, LessonDiagramFacts } from '../../../shared/api';
import { api } from '../../api';
import { needsFacts } from './models';

const EVERY_MS = 4_000;

export function useDiagramFacts(section: string, diagram: LessonDiagram): LessonDiagramFacts | undefined {
  const [facts, setFacts] = useState<LessonDiagramFacts>();
  const wanted = needsFacts(diagram);
  useEffect(() => {
    setFacts(undefined);
    if (!wanted) return;
    let stopped = false;
    let timer: number | undefined;
    const read = () =>
      api.lessonDiagram(section).then(
        (f) => !stopped && setFacts(f),
        () => {},
      ).finally(() => {
        if (!stopped) timer = window.setTimeout(read, EVERY_MS);
      });
    void read();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [section, wanted]);
  return facts;
}
