// Runs a sync function often enough and not too often: requests are coalesced,
// runs are at least `minIntervalMs` apart, a run happens at least every
// `maxIntervalMs` anyway, and a failed run is retried after `retryMs`
// (kubernetes pkg/util/async/bounded_frequency_runner.go, timers injected).

export interface RunnerOptions {
  minIntervalMs: number;
  maxIntervalMs: number;
  retryMs: number;
  now?: () => number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

export class BoundedFrequencyRunner {
  private lastRun = -Infinity;
  private running = false;
  private pending = false;
  private timer: unknown;
  private timerAt = Infinity;
  private stopped = false;

  constructor(
    private readonly fn: () => Promise<void>,
    private readonly options: RunnerOptions,
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private schedule(delay: number): void {
    const at = this.now() + delay;
    if (this.timer !== undefined && this.timerAt <= at) return;
    if (this.timer !== undefined) (this.options.clearTimeout ?? clearTimeout)(this.timer as never);
    this.timerAt = at;
    this.timer = (this.options.setTimeout ?? setTimeout)(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      void this.tick();
    }, Math.max(0, delay));
  }

  /** Asks for a run as soon as the minimum interval allows. */
  run(): void {
    if (this.stopped) return;
    this.pending = true;
    if (this.running) return;
    this.schedule(Math.max(0, this.lastRun + this.options.minIntervalMs - this.now()));
  }

  start(): void {
    this.stopped = false;
    this.run();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) (this.options.clearTimeout ?? clearTimeout)(this.timer as never);
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.running) return;
    this.running = true;
    this.pending = false;
    this.lastRun = this.now();
    let ok = true;
    try {
      await this.fn();
    } catch {
      ok = false;
    }
    this.running = false;
    if (this.stopped) return;
    if (this.pending) this.schedule(Math.max(0, this.lastRun + this.options.minIntervalMs - this.now()));
    else this.schedule(ok ? this.options.maxIntervalMs : this.options.retryMs);
  }
}
