// After the learner presses Enter in a terminal of the step being watched,
// check that step every second for a while, until it passes: the command's
// effect (pods starting, rules syncing) takes a moment, and the learner should
// not have to press a button to see it. Timers are injected for the tests.
import type { LessonCheck } from '../../shared/api';

export const FIRST_MS = 400;
export const EVERY_MS = 1_000;
export const FOR_MS = 45_000;

export interface Timers {
  now(): number;
  set(f: () => void, ms: number): number;
  clear(handle: number | undefined): void;
}

export const windowTimers: Timers = {
  now: () => Date.now(),
  set: (f, ms) => window.setTimeout(f, ms),
  clear: (h) => window.clearTimeout(h),
};

export class AutoCheck {
  private step: string | undefined;
  private until = 0;
  private timer: number | undefined;
  private running = false;

  constructor(
    private readonly check: (id: string, quiet: boolean) => Promise<LessonCheck | undefined>,
    private readonly timers: Timers = windowTimers,
  ) {}

  /** Enter was pressed where this step runs: watch it (again) for a while. */
  enter(stepId: string): void {
    this.step = stepId;
    this.until = this.timers.now() + FOR_MS;
    if (this.timer === undefined && !this.running) this.timer = this.timers.set(() => void this.tick(), FIRST_MS);
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    const current = this.step;
    if (!current) return;
    this.running = true;
    const r = await this.check(current, true);
    this.running = false;
    if (r?.passed && this.step === current) this.step = undefined;
    if (this.step && this.timers.now() < this.until) this.timer = this.timers.set(() => void this.tick(), EVERY_MS);
  }

  dispose(): void {
    this.timers.clear(this.timer);
    this.timer = undefined;
    this.step = undefined;
  }
}
