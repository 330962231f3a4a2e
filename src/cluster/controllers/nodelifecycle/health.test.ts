import { describe, expect, it } from 'vitest';
import type { Node } from '../../api/types';
import { NodeHealthTracker, reconcileTaints, silentNodeConditions } from './health';

const NOW = new Date('2026-01-01T00:10:00Z');

function node(ready: 'True' | 'False' | 'Unknown', heartbeat = '2026-01-01T00:00:00Z', o: Partial<Node['spec']> = {}): Node {
  return {
    metadata: { name: 'node1', creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: { ...o },
    status: {
      conditions: [
        { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', lastHeartbeatTime: heartbeat, lastTransitionTime: '2026-01-01T00:00:00Z' },
        { type: 'Ready', status: ready, reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: heartbeat, lastTransitionTime: '2026-01-01T00:00:00Z' },
      ],
    },
  };
}

describe('NodeHealthTracker', () => {
  it('counts a node as heard from when its heartbeat moves, not when we look again', () => {
    const t = new NodeHealthTracker();
    expect(t.observe(node('True'), 1000)).toBe(1000);
    expect(t.observe(node('True'), 5000)).toBe(1000);
    expect(t.observe(node('True', '2026-01-01T00:00:10Z'), 9000)).toBe(9000);
  });
});

describe('silentNodeConditions', () => {
  it('turns Ready and the pressure conditions Unknown, keeping the last heartbeat', () => {
    const c = silentNodeConditions(node('True'), NOW)!;
    expect(c.find((x) => x.type === 'Ready')).toEqual({ type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastHeartbeatTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:10:00Z' });
    expect(c.find((x) => x.type === 'DiskPressure')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.' });
    expect(silentNodeConditions({ ...node('Unknown'), status: { conditions: c } }, NOW)).toBeUndefined();
  });
});

describe('reconcileTaints', () => {
  it('taints an unreachable node NoSchedule and NoExecute, and lifts both when it is back', () => {
    const tainted = reconcileTaints(node('Unknown'), NOW)!;
    expect(tainted).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2026-01-01T00:10:00Z' },
    ]);
    expect(reconcileTaints(node('Unknown', undefined, { taints: tainted }), NOW)).toBeUndefined();
    expect(reconcileTaints(node('True', undefined, { taints: tainted }), NOW)).toEqual([]);
  });

  it('swaps unreachable for not-ready and keeps other taints', () => {
    const cp = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const };
    const taints = reconcileTaints(node('False', undefined, { taints: [cp, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: 'x' }] }), NOW);
    expect(taints).toEqual([cp, { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: '2026-01-01T00:10:00Z' }]);
  });

  it('marks a cordoned node unschedulable', () => {
    expect(reconcileTaints(node('True', undefined, { unschedulable: true }), NOW)).toEqual([{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]);
  });
});
