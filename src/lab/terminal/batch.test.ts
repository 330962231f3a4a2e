import { describe, expect, it } from 'vitest';
import { OutputBatcher, type Clock } from './batch';

function fakeClock() {
  let t = 1000;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let next = 0;
  const clock: Clock = {
    now: () => t,
    setTimeout: (fn, ms) => {
      timers.push({ at: t + ms, fn, id: ++next });
      return next;
    },
    clearTimeout: (id) => {
      const i = timers.findIndex((x) => x.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    t += ms;
    for (const x of timers.filter((x) => x.at <= t)) {
      timers.splice(timers.indexOf(x), 1);
      x.fn();
    }
  };
  return { clock, advance };
}

describe('OutputBatcher', () => {
  it('sends the first output after a quiet moment at once (typing echo)', () => {
    const { clock } = fakeClock();
    const out: string[] = [];
    const b = new OutputBatcher((d) => out.push(d), clock, 4);
    b.push('a');
    expect(out).toEqual(['a']);
  });

  it('coalesces a burst into one message per window', () => {
    const { clock, advance } = fakeClock();
    const out: string[] = [];
    const b = new OutputBatcher((d) => out.push(d), clock, 4);
    b.push('1\n');
    b.push('2\n');
    b.push('3\n');
    expect(out).toEqual(['1\n']);
    advance(4);
    expect(out).toEqual(['1\n', '2\n3\n']);
  });

  it('flushes early when a batch reaches its size limit', () => {
    const { clock } = fakeClock();
    const out: string[] = [];
    const b = new OutputBatcher((d) => out.push(d), clock, 4, 10);
    b.push('x');
    b.push('yyyyyy');
    b.push('zzzzzz');
    expect(out).toEqual(['x', 'yyyyyyzzzzzz']);
  });
});
