import { describe, expect, it } from 'vitest';
import type { TaskProgress } from '../../shared/api';
import type { ClientApi } from './client';
import { Listeners } from './client';
import { runTask } from './tasks';

function fakeApi() {
  const progress = new Listeners<TaskProgress>();
  return { api: { onProgress: (l: (e: TaskProgress) => void) => progress.add(l) } as unknown as ClientApi, progress };
}

describe('runTask', () => {
  it("follows only its own task, including events that came before the id", async () => {
    const { api, progress } = fakeApi();
    const seen: string[] = [];
    const done = runTask(
      api,
      async () => {
        // The engine may report before the answer to the start arrives.
        progress.emit({ taskId: 'lab-up-1', task: 'lab-up', message: 'early' });
        progress.emit({ taskId: 'other-1', task: 'image-build', message: 'not mine' });
        return { taskId: 'lab-up-1' };
      },
      (e) => seen.push(e.message),
    );
    await Promise.resolve();
    await Promise.resolve();
    progress.emit({ taskId: 'lab-up-1', task: 'lab-up', message: 'creating master', step: 'master' });
    progress.emit({ taskId: 'lab-up-1', task: 'lab-up', message: 'the lab is up', done: true });
    await expect(done).resolves.toMatchObject({ done: true, message: 'the lab is up' });
    expect(seen).toEqual(['early', 'creating master']);
  });

  it('rejects with the error, and says when it was cancelled', async () => {
    const { api, progress } = fakeApi();
    const failing = runTask(api, async () => ({ taskId: 't1' }), () => {});
    await Promise.resolve();
    await Promise.resolve();
    progress.emit({ taskId: 't1', task: 'image-build', message: 'cancelled', error: 'cancelled' });
    await expect(failing).rejects.toMatchObject({ cancelled: true });
  });
});
