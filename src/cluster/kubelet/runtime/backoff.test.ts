import { describe, expect, it } from 'vitest';
import { Backoff, goDuration } from './backoff';
import { decideRestart } from './restart';
import { exited, inspect, observed, pod, running } from './test-fixtures';

describe('Backoff', () => {
  it('doubles from 10 s to a 5 min cap', () => {
    let now = 0;
    const b = new Backoff(() => now);
    const seen: string[] = [];
    for (let i = 0; i < 7; i++) {
      b.next('c', now);
      seen.push(goDuration(b.get('c')));
      now += 1000;
    }
    expect(seen).toEqual(['10s', '20s', '40s', '1m20s', '2m40s', '5m0s', '5m0s']);
  });

  it('counts the wait from when the container finished', () => {
    let now = 100_000;
    const b = new Backoff(() => now);
    b.next('c', now);
    const finishedAt = now + 2_000;
    now = finishedAt + 9_999;
    expect(b.isInBackOffSince('c', finishedAt)).toBe(true);
    now = finishedAt + 10_000;
    expect(b.isInBackOffSince('c', finishedAt)).toBe(false);
  });

  it('starts over after the container behaved for ten minutes', () => {
    let now = 0;
    const b = new Backoff(() => now);
    for (let i = 0; i < 4; i++) b.next('c', now);
    expect(b.get('c')).toBe(80_000);
    const finishedAt = 600_001;
    now = finishedAt + 1;
    expect(b.isInBackOffSince('c', finishedAt)).toBe(false);
    b.next('c', finishedAt);
    expect(b.get('c')).toBe(10_000);
  });

  it('prints Go durations', () => {
    expect([0, 500, 10_000, 90_000, 300_000, 3_723_000].map(goDuration)).toEqual(['0s', '500ms', '10s', '1m30s', '5m0s', '1h2m3s']);
  });
});

describe('decideRestart', () => {
  const crashed = (restartCount: number, finishedAt: string) => observed(inspect('container', exited(1, finishedAt), { restartCount }));

  it('starts a container that never ran, and keeps a running one', () => {
    const p = pod();
    const b = new Backoff(() => 0);
    expect(decideRestart(p, p.spec.containers[0]!, [], b)).toEqual({ action: 'start', restartCount: 0 });
    expect(decideRestart(p, p.spec.containers[0]!, [observed(inspect('container', running()))], b)).toEqual({ action: 'keep' });
  });

  it('restarts a crashed container at once, then waits with CrashLoopBackOff', () => {
    const p = pod();
    const c = p.spec.containers[0]!;
    const t0 = Date.parse('2024-05-01T12:00:00Z');
    let now = t0 + 1000;
    const b = new Backoff(() => now);
    expect(decideRestart(p, c, [crashed(0, '2024-05-01T12:00:00Z')], b)).toEqual({ action: 'start', restartCount: 1 });
    now = t0 + 3000;
    const second = decideRestart(p, c, [crashed(1, '2024-05-01T12:00:02Z')], b);
    expect(second).toEqual({
      action: 'wait',
      waiting: { reason: 'CrashLoopBackOff', message: `back-off 10s restarting failed container=nginx pod=webui-7d9f-abcde_default(${p.metadata.uid})` },
      event: { type: 'Warning', reason: 'BackOff', message: `Back-off restarting failed container nginx in pod webui-7d9f-abcde_default(${p.metadata.uid})` },
    });
    now = t0 + 12_000;
    expect(decideRestart(p, c, [crashed(1, '2024-05-01T12:00:02Z')], b)).toEqual({ action: 'start', restartCount: 2 });
    now = t0 + 13_000;
    const third = decideRestart(p, c, [crashed(2, '2024-05-01T12:00:13Z')], b);
    expect(third.action === 'wait' && third.waiting.message.startsWith('back-off 20s')).toBe(true);
  });

  it('follows restartPolicy', () => {
    const b = new Backoff(() => Date.parse('2024-05-01T13:00:00Z'));
    const ok = [observed(inspect('container', exited(0)))];
    const failed = [observed(inspect('container', exited(2)))];
    const never = pod([{}], { restartPolicy: 'Never' });
    const onFailure = pod([{}], { restartPolicy: 'OnFailure' });
    expect(decideRestart(never, never.spec.containers[0]!, failed, b).action).toBe('keep');
    expect(decideRestart(onFailure, onFailure.spec.containers[0]!, ok, b).action).toBe('keep');
    expect(decideRestart(onFailure, onFailure.spec.containers[0]!, failed, b).action).toBe('start');
    const deleting = pod([{}], {}, { deletionTimestamp: '2024-05-01T13:00:00Z' });
    expect(decideRestart(deleting, deleting.spec.containers[0]!, failed, b).action).toBe('keep');
  });
});
