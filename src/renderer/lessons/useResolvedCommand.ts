// A step's command as its button will type it: placeholders filled from the
// live cluster, asked again whenever the pods or Services it could name change.
import { useEffect, useMemo, useState } from 'react';
import type { ClusterView, LessonCommand, LessonStep } from '../../shared/api';
import { api } from '../api';
import { hasPlaceholders } from './text';

/** What placeholders can depend on; other changes in the view do not ask the engine again. */
const clusterKey = (v: ClusterView | undefined) =>
  v ? JSON.stringify([v.pods.map((p) => [p.name, p.ip, p.ready, p.status]), v.services.map((s) => [s.name, s.clusterIP, s.externalIP, s.ports])]) : '';

export function useResolvedCommand(step: LessonStep, cluster: ClusterView | undefined): LessonCommand {
  const live = hasPlaceholders(step.command);
  const [resolved, setResolved] = useState<LessonCommand>({ id: step.id, host: step.host, command: live ? undefined : step.command });
  const key = useMemo(() => clusterKey(cluster), [cluster]);
  useEffect(() => {
    if (!live) return;
    let stopped = false;
    const timer = window.setTimeout(() => {
      api.lessonCommand(step.id).then(
        (c) => !stopped && setResolved(c),
        () => {},
      );
    }, 250);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [step.id, live, key]);
  return resolved;
}
