import { describe, expect, it } from 'vitest';
import { containersToPrune, groupByPod, liveSandbox, podIPsInUse } from './observed';
import { exited, inspect, running, UID } from './test-fixtures';

describe('groupByPod', () => {
  const sandboxOld = inspect('sandbox', exited(0), { created: '2024-05-01T10:00:00Z' });
  const sandbox = inspect('sandbox', running(), { created: '2024-05-01T11:00:00Z' });
  const runs = [0, 3, 1, 2].map((n) => inspect('container', n === 3 ? running() : exited(1), { restartCount: n }));
  const stranger = { ...inspect('container', running()), Config: { Labels: { 'io.kubelab.role': 'host' } } };
  const pods = groupByPod([sandboxOld, ...runs, sandbox, stranger]);

  it('finds each pod’s sandbox and runs, newest first, ignoring other containers', () => {
    expect([...pods.keys()]).toEqual([UID]);
    const p = pods.get(UID)!;
    expect(p.pod).toEqual({ namespace: 'default', name: 'webui-7d9f-abcde', uid: UID });
    expect(p.containers.get('nginx')!.map((c) => c.labels.restartCount)).toEqual([3, 2, 1, 0]);
    expect(liveSandbox(p)?.id).toBe(sandbox.Id);
  });

  it('knows the addresses its sandboxes hold', () => {
    expect([...podIPsInUse(pods)]).toEqual(['10.244.1.2']);
  });

  it('prunes all but the newest two runs and old sandboxes', () => {
    const pruned = containersToPrune(pods.get(UID)!).map((c) => c.id);
    expect(pruned.sort()).toEqual([runs[0]!.Id, runs[2]!.Id, sandboxOld.Id].sort());
  });
});
