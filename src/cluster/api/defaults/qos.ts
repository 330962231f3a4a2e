// The pod's QoS class (pkg/apis/core/helper/qos ComputePodQOS), set by the pod
// strategy on create and shown by `kubectl describe pod`.

import type { Pod } from '../types';
import { parseQuantity } from '../validation/quantity';

const QOS_RESOURCES = ['cpu', 'memory'];

function positive(list: Record<string, unknown> | undefined): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const [name, v] of Object.entries(list ?? {})) {
    if (!QOS_RESOURCES.includes(name)) continue;
    const q = parseQuantity(v as string | number);
    if (typeof q !== 'string' && q.nanos > 0n) out.set(name, q.nanos);
  }
  return out;
}

export function computePodQOS(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    for (const [k, v] of positive(c.resources?.requests)) requests.set(k, (requests.get(k) ?? 0n) + v);
    const lim = positive(c.resources?.limits);
    for (const [k, v] of lim) limits.set(k, (limits.get(k) ?? 0n) + v);
    if (!lim.has('cpu') || !lim.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [k, v] of requests) {
      if (limits.get(k) !== v) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
