import { describe, expect, it } from 'vitest';
import type { LessonCheck } from '../../shared/api';
import { AutoCheck, EVERY_MS, FIRST_MS, FOR_MS, type Timers } from './auto-check';

/** Time that moves only when the test says so. */
function clock() {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; f: () => void }>();
  const timers: Timers = {
    now: () => now,
    set: (f, ms) => (due.set(next, { at: now + ms, f }), next++),
    clear: (h) => void (h !== undefined && due.delete(h)),
  };
  const advance = async (ms: number) => {
    const end = now + ms;
    for (;;) {
      const [h, t] = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
      if (!t || t.at > end) break;
      now = t.at;
      due.delete(h!);
      t.f();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    }
    now = end;
  };
  return { timers, advance, pending: () => due.size };
}

function checker(passAfter: number) {
  const calls: string[] = [];
  const check = async (id: string): Promise<LessonCheck> => {
    calls.push(id);
    return { id, passed: calls.length >= passAfter, hint: { ko: '', en: '' }, ms: 1 };
  };
  return { check, calls };
}

describe('checking after Enter', () => {
  it('checks soon after Enter and every second until the step passes, then stops', async () => {
    const c = clock();
    const k = checker(3);
    const auto = new AutoCheck(k.check, c.timers);
    auto.enter('s1');
    await c.advance(FIRST_MS - 1);
    expect(k.calls).toEqual([]);
    await c.advance(1);
    expect(k.calls).toEqual(['s1']);
    await c.advance(EVERY_MS * 5);
    expect(k.calls).toEqual(['s1', 's1', 's1']);
    expect(c.pending()).toBe(0);
  });

  it('gives up after a while, and a new Enter starts it again', async () => {
    const c = clock();
    const k = checker(Infinity);
    const auto = new AutoCheck(k.check, c.timers);
    auto.enter('s1');
    await c.advance(FOR_MS + 5 * EVERY_MS);
    const asked = k.calls.length;
    expect(asked).toBeGreaterThan(30);
    expect(asked).toBeLessThanOrEqual(FOR_MS / EVERY_MS + 2);
    expect(c.pending()).toBe(0);
    auto.enter('s1');
    await c.advance(FIRST_MS);
    expect(k.calls.length).toBe(asked + 1);
    auto.dispose();
    await c.advance(10 * EVERY_MS);
    expect(k.calls.length).toBe(asked + 1);
  });

  it('moves on to the step Enter was last pressed for', async () => {
    const c = clock();
    const k = checker(Infinity);
    const auto = new AutoCheck(k.check, c.timers);
    auto.enter('s1');
    await c.advance(FIRST_MS);
    auto.enter('s2');
    await c.advance(EVERY_MS);
    expect(k.calls).toEqual(['s1', 's2']);
    auto.dispose();
  });
});
