// Output is batched before it crosses IPC or the WebSocket (as vercel/hyper's
// session does): a burst of small reads becomes one message per BATCH_MS, while
// the first output after a quiet moment (a keystroke's echo) goes at once, so
// batching adds no latency to typing. Time is injected for tests.

/** Bursts are cut into messages at most this often (one 240 Hz frame). */
export const BATCH_MS = 4;
/** A message never grows beyond this many characters, however fast output comes. */
export const BATCH_MAX = 64 * 1024;

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export class OutputBatcher {
  private parts: string[] = [];
  private size = 0;
  private timer: unknown;
  private lastFlush = -Infinity;

  constructor(
    private readonly emit: (data: string) => void,
    private readonly clock: Clock = realClock,
    private readonly windowMs = BATCH_MS,
    private readonly max = BATCH_MAX,
  ) {}

  push(data: string): void {
    if (!data) return;
    this.parts.push(data);
    this.size += data.length;
    if (this.size >= this.max) return this.flush();
    if (this.timer !== undefined) return;
    const wait = this.lastFlush + this.windowMs - this.clock.now();
    if (wait <= 0) return this.flush();
    this.timer = this.clock.setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.parts.length) return;
    const data = this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.lastFlush = this.clock.now();
    this.emit(data);
  }
}
