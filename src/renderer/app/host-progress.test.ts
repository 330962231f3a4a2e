import { describe, expect, it } from 'vitest';
import { advance, initialPhases } from './host-progress';

describe('host progress', () => {
  it('follows the engine through create, start and ready', () => {
    let p = initialPhases();
    p = advance(p, { task: 'up', step: 'node1', message: 'creating node1' });
    expect(p.node1).toBe('creating');
    expect(p.master).toBe('waiting');
    p = advance(p, { task: 'up', step: 'start', message: 'starting 1234' });
    expect(p.master).toBe('starting');
    p = advance(p, { task: 'up', step: 'ready', message: 'station answers', fraction: 0.2 });
    expect(p.station).toBe('ready');
    expect(p.cloud).toBe('starting');
    p = advance(p, { task: 'lab-up', message: 'the lab is up', done: true });
    expect(Object.values(p).every((x) => x === 'ready')).toBe(true);
  });
});
