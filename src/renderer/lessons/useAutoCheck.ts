// Enter in a terminal of the watched step's host starts checking that step
// (auto-check.ts); the panel shows the answer as it comes.
import { useEffect, useRef } from 'react';
import type { LessonCheck, LessonStep } from '../../shared/api';
import { isEnter, type TerminalRegistry } from '../terminals/registry';
import { AutoCheck } from './auto-check';

export function useAutoCheck(terminals: TerminalRegistry, watched: LessonStep | undefined, check: (id: string, quiet: boolean) => Promise<LessonCheck | undefined>): void {
  const watchedRef = useRef(watched);
  watchedRef.current = watched;

  useEffect(() => {
    const auto = new AutoCheck(check);
    const off = terminals.onInput((target, data) => {
      const w = watchedRef.current;
      if (w && target.kind === 'host' && target.host === w.host && isEnter(data)) auto.enter(w.id);
    });
    return () => {
      off();
      auto.dispose();
    };
  }, [terminals, check]);
}
