// A work queue of keys, as controllers use it: a key queued several times
// before it is processed is processed once; a key being processed that is
// queued again is processed again afterwards; failures come back with a
// capped exponential delay (client-go workqueue, rate-limited).

export interface WorkQueueOptions {
  baseDelayMs?: number;
  maxDelayMs?: number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
}

export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly waiters: ((key: string | undefined) => void)[] = [];
  private shuttingDown = false;

  constructor(private readonly options: WorkQueueOptions = {}) {}

  add(key: string): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    const waiter = this.waiters.shift();
    if (waiter) {
      this.dirty.delete(key);
      this.processing.add(key);
      waiter(key);
    } else this.queue.push(key);
  }

  addAfter(key: string, ms: number): void {
    (this.options.setTimeout ?? setTimeout)(() => this.add(key), ms);
  }

  /** Requeues after a failure, later each time it fails again. */
  addRateLimited(key: string): void {
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    const delay = Math.min((this.options.baseDelayMs ?? 5) * 2 ** (n - 1), this.options.maxDelayMs ?? 30_000);
    this.addAfter(key, delay);
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  /** The next key to process; undefined once the queue shuts down. */
  get(): Promise<string | undefined> {
    if (this.shuttingDown) return Promise.resolve(undefined);
    const key = this.queue.shift();
    if (key !== undefined) {
      this.dirty.delete(key);
      this.processing.add(key);
      return Promise.resolve(key);
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) {
      this.dirty.delete(key);
      this.add(key);
    }
  }

  get length(): number {
    return this.queue.length;
  }

  shutdown(): void {
    this.shuttingDown = true;
    for (const w of this.waiters.splice(0)) w(undefined);
  }
}

/** Runs `worker` on queued keys, `concurrency` at a time, requeueing on errors. */
export function runWorkers(queue: WorkQueue, concurrency: number, worker: (key: string) => Promise<void>, log: (line: string) => void = () => {}): void {
  const loop = async () => {
    for (;;) {
      const key = await queue.get();
      if (key === undefined) return;
      try {
        await worker(key);
        queue.forget(key);
      } catch (err) {
        log(`error syncing ${key}: ${(err as Error)?.message ?? err}`);
        queue.addRateLimited(key);
      } finally {
        queue.done(key);
      }
    }
  };
  for (let i = 0; i < concurrency; i++) void loop();
}
