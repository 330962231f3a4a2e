// Long operations started from the UI (image build, lab start): each gets an
// id, reports progress to every client, ends with one `done` or `error`
// event, and can be cancelled where the operation supports it.
import { randomBytes } from 'node:crypto';
import type { TaskProgress } from '../../shared/api';
import type { ProgressSink } from '../../shared/engine';

export type TaskWork = (progress: ProgressSink, signal: AbortSignal) => Promise<string | void>;

export class Tasks {
  private readonly running = new Map<string, AbortController>();
  private readonly listeners = new Set<(e: TaskProgress) => void>();

  subscribe(listener: (e: TaskProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: TaskProgress): void {
    for (const l of this.listeners) l(e);
  }

  start(task: string, work: TaskWork): string {
    const taskId = `${task}-${randomBytes(4).toString('hex')}`;
    const controller = new AbortController();
    this.running.set(taskId, controller);
    // Progress from the operation never claims the end itself: the task does, once.
    const progress: ProgressSink = (e) => this.emit({ ...e, task, taskId, done: false, error: undefined });
    // Started on the next turn, so the caller has the id before the first event.
    setImmediate(() => {
      work(progress, controller.signal).then(
        (message) => this.emit({ task, taskId, message: message || 'done', done: true, fraction: 1 }),
        (err: unknown) => this.emit({ task, taskId, message: (err as Error).message, error: controller.signal.aborted ? 'cancelled' : (err as Error).message }),
      ).finally(() => this.running.delete(taskId));
    });
    return taskId;
  }

  cancel(taskId: string): void {
    this.running.get(taskId)?.abort();
  }

  isRunning(task: string): boolean {
    return [...this.running.keys()].some((id) => id.startsWith(`${task}-`));
  }
}
