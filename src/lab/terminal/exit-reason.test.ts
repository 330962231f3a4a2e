import { describe, expect, it } from 'vitest';
import { exitReason } from './exit-reason';

const at = '2026-11-26T07:00:00Z';

describe('exitReason', () => {
  it('tells a restarted host from a stopped one and from a shell that exited', () => {
    expect(exitReason('node1', 137, at, { running: true, startedAt: '2026-11-26T07:05:00Z' }, 60_000).reason).toBe('host-restarted');
    expect(exitReason('node1', 137, at, { running: false, startedAt: at }, 60_000)).toEqual({ code: 137, reason: 'host-stopped', message: 'node1 stopped' });
    expect(exitReason('node1', null, at, undefined, 60_000).reason).toBe('host-stopped');
    expect(exitReason('node1', 0, at, { running: true, startedAt: at }, 60_000)).toEqual({ code: 0, reason: 'exited' });
  });

  it('calls a shell that died at once a failure', () => {
    expect(exitReason('default/web', 126, at, { running: true, startedAt: at }, 200).reason).toBe('failed');
  });
});
