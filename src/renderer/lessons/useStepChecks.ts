// The latest check of each step, as this panel last saw it. A check the
// learner asked for shows "Checking…"; the quiet ones (after Enter in a
// terminal) only change the answer when it comes.
import { useCallback, useState } from 'react';
import type { LessonCheck } from '../../shared/api';
import { api } from '../api';

export interface StepCheckState {
  result?: LessonCheck;
  busy: boolean;
}

export function useStepChecks() {
  const [checks, setChecks] = useState<Record<string, StepCheckState>>({});

  const check = useCallback(async (id: string, quiet = false): Promise<LessonCheck | undefined> => {
    if (!quiet) setChecks((c) => ({ ...c, [id]: { ...c[id], busy: true } }));
    try {
      const result = await api.lessonCheck(id);
      setChecks((c) => ({ ...c, [id]: { result, busy: false } }));
      return result;
    } catch (err) {
      const message = (err as Error).message;
      setChecks((c) => ({ ...c, [id]: { result: { id, passed: false, hint: { ko: message, en: message }, ms: 0 }, busy: false } }));
      return undefined;
    }
  }, []);

  /** Answers that a reset made stale. */
  const forget = useCallback((ids: readonly string[]) => {
    setChecks((c) => Object.fromEntries(Object.entries(c).filter(([id]) => !ids.includes(id))));
  }, []);

  return { checks, check, forget };
}
