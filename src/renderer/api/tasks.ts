// A long engine task as a promise: resolves on its `done` event, rejects on its
// `error`, and reports progress on the way.
import type { TaskHandle, TaskProgress } from '../../shared/api';
import type { ClientApi } from './client';

export function runTask(api: ClientApi, start: () => Promise<TaskHandle>, onProgress: (e: TaskProgress) => void, onStarted?: (taskId: string) => void): Promise<TaskProgress> {
  return new Promise((resolve, reject) => {
    let taskId: string | undefined;
    const early: TaskProgress[] = [];
    const handle = (e: TaskProgress) => {
      if (e.error) {
        off();
        reject(Object.assign(new Error(e.error === 'cancelled' ? 'cancelled' : e.message), { cancelled: e.error === 'cancelled' }));
      } else if (e.done) {
        off();
        resolve(e);
      } else onProgress(e);
    };
    const off = api.onProgress((e) => {
      if (taskId === undefined) early.push(e);
      else if (e.taskId === taskId) handle(e);
    });
    start().then(
      (h) => {
        taskId = h.taskId;
        onStarted?.(h.taskId);
        for (const e of early.splice(0)) if (e.taskId === taskId) handle(e);
      },
      (err: unknown) => {
        off();
        reject(err);
      },
    );
  });
}
