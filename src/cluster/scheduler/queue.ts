// The scheduling queue (pkg/scheduler/backend/queue): pods to try now, ordered
// by priority then age; pods that failed wait out a backoff (1 s doubling to
// 10 s) and, when they fit nowhere, also for a change in the cluster that
// might help — or five minutes, whichever comes first.

const INITIAL_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 10_000;
const UNSCHEDULABLE_FLUSH_MS = 5 * 60_000;

interface Entry {
  key: string;
  priority: number;
  /** When the pod first entered the queue. */
  since: number;
  attempts: number;
  /** Not before this time (backoff). */
  readyAt: number;
}

export interface QueueClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: QueueClock = { now: Date.now, setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };

export class SchedulingQueue {
  private readonly entries = new Map<string, Entry>();
  private readonly active = new Set<string>();
  private readonly unschedulable = new Map<string, number>();
  private readonly inFlight = new Set<string>();
  private waiter?: (key: string | undefined) => void;
  private timer: unknown;
  private closed = false;

  constructor(private readonly clock: QueueClock = realClock) {}

  /** A pod (new or changed) to schedule as soon as its backoff allows. */
  add(key: string, priority = 0): void {
    if (this.closed) return;
    const e = this.entries.get(key) ?? { key, priority, since: this.clock.now(), attempts: 0, readyAt: 0 };
    e.priority = priority;
    this.entries.set(key, e);
    this.unschedulable.delete(key);
    if (!this.inFlight.has(key)) this.active.add(key);
    this.wake();
  }

  /** The pod is bound, deleted, or no longer ours. */
  remove(key: string): void {
    this.entries.delete(key);
    this.active.delete(key);
    this.unschedulable.delete(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The attempt failed: retry after the backoff, or (unschedulable) when the cluster changes. */
  failed(key: string, unschedulable: boolean): void {
    this.inFlight.delete(key);
    const e = this.entries.get(key);
    if (!e) return;
    e.attempts++;
    e.readyAt = this.clock.now() + Math.min(INITIAL_BACKOFF_MS * 2 ** (e.attempts - 1), MAX_BACKOFF_MS);
    if (unschedulable && !this.active.has(key)) this.unschedulable.set(key, this.clock.now());
    else this.active.add(key);
    this.wake();
  }

  done(key: string): void {
    this.inFlight.delete(key);
    this.entries.delete(key);
  }

  /** MoveAllToActiveOrBackoffQueue: something changed that may let them fit. */
  moveAllUnschedulable(): void {
    for (const key of this.unschedulable.keys()) this.active.add(key);
    this.unschedulable.clear();
    this.wake();
  }

  /** The next pod to try; undefined once closed. */
  next(): Promise<string | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    const key = this.pop();
    if (key) return Promise.resolve(key);
    return new Promise((resolve) => {
      this.waiter = resolve;
      this.schedule();
    });
  }

  close(): void {
    this.closed = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.waiter?.(undefined);
    this.waiter = undefined;
  }

  private pop(): string | undefined {
    const now = this.clock.now();
    for (const [key, since] of this.unschedulable) {
      if (now - since >= UNSCHEDULABLE_FLUSH_MS) {
        this.unschedulable.delete(key);
        this.active.add(key);
      }
    }
    let best: Entry | undefined;
    for (const key of this.active) {
      const e = this.entries.get(key);
      if (!e) {
        this.active.delete(key);
        continue;
      }
      if (e.readyAt > now) continue;
      if (!best || e.priority > best.priority || (e.priority === best.priority && e.since < best.since)) best = e;
    }
    if (!best) return undefined;
    this.active.delete(best.key);
    this.inFlight.add(best.key);
    return best.key;
  }

  private wake(): void {
    if (!this.waiter) return;
    const key = this.pop();
    if (key) {
      const w = this.waiter;
      this.waiter = undefined;
      w(key);
    } else this.schedule();
  }

  /** Wakes the waiter when the earliest backoff ends. */
  private schedule(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const now = this.clock.now();
    let soonest = Infinity;
    for (const key of this.active) {
      const e = this.entries.get(key);
      if (e) soonest = Math.min(soonest, e.readyAt);
    }
    for (const since of this.unschedulable.values()) soonest = Math.min(soonest, since + UNSCHEDULABLE_FLUSH_MS);
    if (soonest === Infinity) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.wake();
    }, Math.max(0, soonest - now));
  }
}
