import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types';
import { podsToDelete, slowStartBatches } from './ranking';

const NOW = Date.parse('2026-01-01T01:00:00Z');

function pod(name: string, o: { node?: string; phase?: Pod['status'] extends infer S ? S extends { phase?: infer P } ? P : never : never; readySince?: string; created?: string; restarts?: number; cost?: string } = {}): Pod {
  return {
    metadata: { name, uid: name, creationTimestamp: o.created ?? '2026-01-01T00:00:00Z', annotations: o.cost ? { 'controller.kubernetes.io/pod-deletion-cost': o.cost } : undefined },
    spec: { containers: [], nodeName: o.node },
    status: {
      phase: o.phase ?? 'Running',
      conditions: o.readySince ? [{ type: 'Ready', status: 'True', lastTransitionTime: o.readySince }] : [{ type: 'Ready', status: 'False' }],
      containerStatuses: [{ name: 'c', ready: Boolean(o.readySince), restartCount: o.restarts ?? 0, image: '', imageID: '' }],
    },
  };
}

const names = (pods: Pod[]) => pods.map((p) => p.metadata.name);

describe('podsToDelete', () => {
  it('prefers unscheduled, then pending, then not ready pods', () => {
    const pods = [
      pod('ready', { node: 'n1', readySince: '2026-01-01T00:00:00Z' }),
      pod('notready', { node: 'n1' }),
      pod('pending', { node: 'n1', phase: 'Pending' }),
      pod('unscheduled', { phase: 'Pending' }),
    ];
    expect(names(podsToDelete(pods, pods, 3, NOW))).toEqual(['unscheduled', 'pending', 'notready']);
  });

  it('takes the lower deletion cost first', () => {
    const pods = [pod('expensive', { node: 'n1', cost: '100' }), pod('cheap', { node: 'n2', cost: '-5' })];
    expect(names(podsToDelete(pods, pods, 1, NOW))).toEqual(['cheap']);
  });

  it('takes pods doubled up on a node before lone ones', () => {
    const ready = '2026-01-01T00:00:00Z';
    const pods = [pod('alone', { node: 'n1', readySince: ready }), pod('twin-a', { node: 'n2', readySince: ready }), pod('twin-b', { node: 'n2', readySince: ready })];
    expect(names(podsToDelete(pods, pods, 1, NOW))).toEqual([expect.stringMatching(/^twin-/)]);
  });

  it('takes the most recently ready pod, by power-of-two buckets of age', () => {
    const pods = [pod('old', { node: 'n1', readySince: '2026-01-01T00:00:00Z' }), pod('new', { node: 'n2', readySince: '2026-01-01T00:59:00Z' })];
    expect(names(podsToDelete(pods, pods, 1, NOW))).toEqual(['new']);
  });

  it('takes the pod that restarted more, then the newer one', () => {
    const ready = '2026-01-01T00:00:00Z';
    const crashy = [pod('calm', { node: 'n1', readySince: ready }), pod('crashy', { node: 'n2', readySince: ready, restarts: 4 })];
    expect(names(podsToDelete(crashy, crashy, 1, NOW))).toEqual(['crashy']);
    const ages = [pod('older', { node: 'n1', created: '2026-01-01T00:00:00Z' }), pod('newer', { node: 'n2', created: '2026-01-01T00:58:00Z' })];
    expect(names(podsToDelete(ages, ages, 1, NOW))).toEqual(['newer']);
  });

  it('deletes everything without ranking when asked for all', () => {
    const pods = [pod('a'), pod('b')];
    expect(names(podsToDelete(pods, pods, 2, NOW))).toEqual(['a', 'b']);
  });
});

describe('slowStartBatches', () => {
  it('doubles the batch until everything is made', () => {
    expect(slowStartBatches(3)).toEqual([1, 2]);
    expect(slowStartBatches(10)).toEqual([1, 2, 4, 3]);
    expect(slowStartBatches(0)).toEqual([]);
  });
});
