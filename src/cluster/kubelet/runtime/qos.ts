// The pod's QoS class (v1qos.GetPodQOS, simplified to cpu and memory):
// Guaranteed when every container limits both and requests equal limits,
// BestEffort when nothing is requested or limited, Burstable otherwise.
import type { Pod } from '../../api/types';
import { parseQuantity } from './limits';

export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const limits = c.resources?.limits ?? {};
    const requests = c.resources?.requests ?? {};
    for (const r of ['cpu', 'memory']) {
      const limit = parseQuantity(limits[r]);
      // A request defaults to the limit when only the limit is set.
      const request = requests[r] !== undefined ? parseQuantity(requests[r]) : limit;
      if ((limit !== null && limit > 0) || (request !== null && request > 0)) any = true;
      if (limit === null || limit === 0 || request !== limit) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
