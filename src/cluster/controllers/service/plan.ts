// The service controller's judgement for LoadBalancer services
// (cloud-provider/controllers/service): who wants a balancer, who must give
// one back, what to ask the cloud for, and which nodes it forwards to.
import type { Node, Service } from '../../api/types';
import type { EnsureLoadBalancerRequest } from '../../cloud/contract';

export const LB_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';
const EXCLUDE_LABEL = 'node.kubernetes.io/exclude-from-external-load-balancers';
const TO_BE_DELETED_TAINT = 'ToBeDeletedByClusterAutoscaler';

/** wantsLoadBalancer: type LoadBalancer, and no other implementation named by loadBalancerClass. */
export const wantsLoadBalancer = (s: Service): boolean => s.spec.type === 'LoadBalancer' && !s.spec.loadBalancerClass;

export const hasFinalizer = (s: Service): boolean => (s.metadata.finalizers ?? []).includes(LB_FINALIZER);

/** needsCleanup: a balancer was made, and the service is going or no longer wants it. */
export const needsCleanup = (s: Service): boolean => hasFinalizer(s) && (Boolean(s.metadata.deletionTimestamp) || !wantsLoadBalancer(s));

/** nodeIncludedPredicate; the address is the node's InternalIP. */
export function balancerNodes(nodes: Node[]): string[] {
  return nodes
    .filter((n) => !(EXCLUDE_LABEL in (n.metadata.labels ?? {})) && !(n.spec.taints ?? []).some((t) => t.key === TO_BE_DELETED_TAINT))
    .map((n) => n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address)
    .filter((ip): ip is string => Boolean(ip))
    .sort();
}

export function ensureRequest(s: Service, nodes: string[]): EnsureLoadBalancerRequest {
  const req: EnsureLoadBalancerRequest = {
    nodePorts: (s.spec.ports ?? []).filter((p) => p.nodePort).map((p) => ({ port: p.port, protocol: p.protocol ?? 'TCP', nodePort: p.nodePort! })),
    nodes,
  };
  if (s.spec.loadBalancerIP) req.loadBalancerIP = s.spec.loadBalancerIP;
  if (s.spec.loadBalancerSourceRanges?.length) req.sourceRanges = [...s.spec.loadBalancerSourceRanges];
  return req;
}

export function ingressFor(ip: string) {
  return [{ ip, ipMode: 'VIP' }];
}
