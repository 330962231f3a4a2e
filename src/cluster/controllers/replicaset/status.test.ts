import { describe, expect, it } from 'vitest';
import type { Pod, ReplicaSet } from '../../api/types';
import { calculateReplicaSetStatus } from './status';

const NOW = new Date('2026-01-01T00:01:00Z');
const rs: ReplicaSet = {
  metadata: { name: 'web-abc', generation: 2 },
  spec: { replicas: 3, minReadySeconds: 30, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', tier: 'fe' } }, spec: { containers: [] } } },
  status: { replicas: 0 },
};
const pod = (labels: Record<string, string>, readySince?: string): Pod => ({
  metadata: { name: 'p', labels },
  spec: { containers: [] },
  status: { conditions: readySince ? [{ type: 'Ready', status: 'True', lastTransitionTime: readySince }] : [] },
});

describe('calculateReplicaSetStatus', () => {
  it('counts fully labeled, ready and available pods (minReadySeconds) and terminating ones', () => {
    const active = [pod({ app: 'web', tier: 'fe' }, '2026-01-01T00:00:00Z'), pod({ app: 'web', tier: 'fe' }, '2026-01-01T00:00:50Z'), pod({ app: 'web' })];
    const s = calculateReplicaSetStatus(rs, active, [pod({ app: 'web' })], undefined, NOW);
    expect(s).toEqual({ replicas: 3, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 1, terminatingReplicas: 1 });
  });

  it('omits zero counters as the API does, but keeps replicas and terminatingReplicas', () => {
    expect(calculateReplicaSetStatus(rs, [], [], undefined, NOW)).toEqual({ replicas: 0, terminatingReplicas: 0 });
  });

  it('records a ReplicaFailure while creating fails and drops it when it stops', () => {
    const failed = calculateReplicaSetStatus(rs, [], [], new Error('pods "web-abc-" is forbidden: exceeded quota'), NOW);
    expect(failed.conditions).toEqual([{ type: 'ReplicaFailure', status: 'True', lastTransitionTime: '2026-01-01T00:01:00Z', reason: 'FailedCreate', message: 'pods "web-abc-" is forbidden: exceeded quota' }]);
    const healed = calculateReplicaSetStatus({ ...rs, status: failed }, [], [], undefined, NOW);
    expect(healed.conditions).toBeUndefined();
  });
});
