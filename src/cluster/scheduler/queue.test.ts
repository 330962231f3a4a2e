import { describe, expect, it } from 'vitest';
import { SchedulingQueue, type QueueClock } from './queue';

function fakeClock() {
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const clock: QueueClock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const t = { at: now + ms, fn };
      timers.push(t);
      return t;
    },
    clearTimeout: (h) => {
      const i = timers.indexOf(h as (typeof timers)[number]);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers.filter((x) => x.at <= now)) {
      timers.splice(timers.indexOf(t), 1);
      t.fn();
    }
  };
  return { clock, advance };
}

describe('SchedulingQueue', () => {
  it('serves higher priority first, then older pods', async () => {
    const { clock, advance } = fakeClock();
    const q = new SchedulingQueue(clock);
    q.add('a');
    advance(1);
    q.add('b');
    q.add('dns', 2000000000);
    expect(await q.next()).toBe('dns');
    expect(await q.next()).toBe('a');
    expect(await q.next()).toBe('b');
  });

  it('backs off a failed pod and keeps an unschedulable one until the cluster changes', async () => {
    const { clock, advance } = fakeClock();
    const q = new SchedulingQueue(clock);
    q.add('p');
    expect(await q.next()).toBe('p');
    q.failed('p', true);
    let got: string | undefined;
    void q.next().then((k) => (got = k));
    advance(5000);
    await Promise.resolve();
    expect(got).toBeUndefined();
    q.moveAllUnschedulable();
    await Promise.resolve();
    expect(got).toBe('p');
  });

  it('retries after the backoff when the failure was not about fitting', async () => {
    const { clock, advance } = fakeClock();
    const q = new SchedulingQueue(clock);
    q.add('p');
    await q.next();
    q.failed('p', false);
    let got: string | undefined;
    void q.next().then((k) => (got = k));
    advance(999);
    await Promise.resolve();
    expect(got).toBeUndefined();
    advance(1);
    await Promise.resolve();
    expect(got).toBe('p');
  });

  it('gives up on removed pods and ends when closed', async () => {
    const q = new SchedulingQueue(fakeClock().clock);
    q.add('gone');
    q.remove('gone');
    const next = q.next();
    q.close();
    expect(await next).toBeUndefined();
  });
});
