import { describe, expect, it } from 'vitest';
import { BoundedFrequencyRunner } from './runner';

function fakeTime() {
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    setTimeout: (fn: () => void, ms: number) => {
      const t = { at: now + ms, fn };
      timers.push(t);
      return t;
    },
    clearTimeout: (t: unknown) => {
      const i = timers.indexOf(t as never);
      if (i >= 0) timers.splice(i, 1);
    },
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > end) break;
        timers.shift();
        now = next.at;
        next.fn();
        await new Promise((r) => setImmediate(r));
      }
      now = end;
    },
  };
}

describe('BoundedFrequencyRunner', () => {
  it('coalesces a burst of requests into one run, then keeps the minimum interval', async () => {
    const t = fakeTime();
    const runs: number[] = [];
    const r = new BoundedFrequencyRunner(async () => void runs.push(t.now()), { minIntervalMs: 100, maxIntervalMs: 10_000, retryMs: 500, ...t });
    r.run();
    r.run();
    r.run();
    await t.advance(1);
    expect(runs).toEqual([0]);
    r.run();
    r.run();
    await t.advance(150);
    expect(runs).toEqual([0, 100]);
  });

  it('runs again after the maximum interval without requests, and retries failures sooner', async () => {
    const t = fakeTime();
    const runs: number[] = [];
    let fail = true;
    const r = new BoundedFrequencyRunner(
      async () => {
        runs.push(t.now());
        if (fail) {
          fail = false;
          throw new Error('boom');
        }
      },
      { minIntervalMs: 100, maxIntervalMs: 1000, retryMs: 300, ...t },
    );
    r.start();
    await t.advance(1);
    await t.advance(400);
    expect(runs).toEqual([0, 300]);
    await t.advance(1000);
    expect(runs).toEqual([0, 300, 1300]);
    r.stop();
  });
});
