// The lesson and the learner's progress, kept current: a pass or a reset in
// any window arrives through onLessonProgress.
import { useCallback, useEffect, useState } from 'react';
import type { LessonStatus, LessonView } from '../../shared/api';
import { api } from '../api';

export function useLesson() {
  const [lesson, setLesson] = useState<LessonView>();
  const [status, setStatus] = useState<LessonStatus>();
  const [error, setError] = useState<string>();

  const load = useCallback(() => {
    setError(undefined);
    Promise.all([api.lessonList(), api.lessonStatus()]).then(
      ([l, s]) => {
        setLesson(l);
        setStatus(s);
      },
      (e: Error) => setError(e.message),
    );
  }, []);

  useEffect(() => {
    const off = api.onLessonProgress(setStatus);
    load();
    return off;
  }, [load]);

  return { lesson, status, error, reload: load };
}
