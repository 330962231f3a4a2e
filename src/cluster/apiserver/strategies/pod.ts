// Pods on a node are deleted gracefully: the API marks them, the kubelet stops
// the containers and then removes the pod for good.
import type { Pod } from '../../api/types';
import type { Strategy } from '../context';

export const podStrategy: Strategy = {
  gracePeriod(object, requested) {
    const pod = object as Pod;
    const phase = pod.status?.phase;
    // Nothing runs it yet, or it already finished: nothing to wait for.
    if (!pod.spec.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
    if (requested !== undefined) return Math.max(0, requested);
    return pod.spec.terminationGracePeriodSeconds ?? 30;
  },
};
