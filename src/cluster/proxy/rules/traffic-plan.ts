// Which chains a service port needs and where each kind of traffic goes:
// the decisions at the top of upstream's per-service loop, kept apart from
// the writing so each rule below reads as one condition and one line.
import { categorizeEndpoints, type CategorizedEndpoints } from './categorize';
import type { EndpointInfo } from './endpoints';
import type { RuleSettings } from './rule-buffers';
import type { ServicePortInfo } from './service-ports';

export interface TrafficPlan {
  endpoints: CategorizedEndpoints;
  /** Usable endpoints exist somewhere in the cluster. */
  hasEndpoints: boolean;
  /** Cluster-IP traffic has endpoints under internalTrafficPolicy. */
  hasInternalEndpoints: boolean;
  /** External traffic has endpoints under externalTrafficPolicy. */
  hasExternalEndpoints: boolean;
  usesClusterPolicyChain: boolean;
  usesLocalPolicyChain: boolean;
  usesExternalTrafficChain: boolean;
  usesFWChain: boolean;
  /** Where cluster-IP traffic jumps (KUBE-SVC or KUBE-SVL). */
  internalTrafficChain: string;
  /** Where the EXT chain finally sends outside traffic (KUBE-SVC or KUBE-SVL). */
  externalPolicyChain: string;
  /** Where load-balancer traffic enters (KUBE-FW when source ranges apply, else KUBE-EXT). */
  loadBalancerTrafficChain: string;
  /** Filter verdict and quoted comment for unserved cluster-IP traffic ("" when served). */
  internalFilter: { target: string; comment: string };
  /** Filter verdict and quoted comment for unserved external traffic ("" when served). */
  externalFilter: { target: string; comment: string };
}

export function planServicePort(svc: ServicePortInfo, allEndpoints: readonly EndpointInfo[], s: RuleSettings): TrafficPlan {
  const externallyAccessible = svc.nodePort !== 0 || svc.loadBalancerVIPs.length > 0 || svc.externalIPs.length > 0;
  const policy = { internalPolicyLocal: svc.internalPolicyLocal, externalPolicyLocal: svc.externalPolicyLocal, externallyAccessible };
  const eps = categorizeEndpoints(allEndpoints, policy, s.nodeName, s.nodeLabels);
  const hasEndpoints = eps.hasAny;
  const noLocal = eps.local.length === 0;
  const hasInternalEndpoints = hasEndpoints && !(svc.internalPolicyLocal && noLocal);
  const hasExternalEndpoints = hasEndpoints && !(svc.externalPolicyLocal && noLocal);
  const usesFWChain = hasEndpoints && svc.loadBalancerVIPs.length > 0 && svc.loadBalancerSourceRanges.length > 0;

  const unserved = (served: boolean): { target: string; comment: string } => {
    if (!hasEndpoints) return { target: 'REJECT', comment: `"${svc.name} has no endpoints"` };
    // Local policy without a local endpoint: drop what the short-circuits did not take.
    return served ? { target: '', comment: '' } : { target: 'DROP', comment: `"${svc.name} has no local endpoints"` };
  };
  return {
    endpoints: eps,
    hasEndpoints,
    hasInternalEndpoints,
    hasExternalEndpoints,
    usesClusterPolicyChain: eps.cluster.length > 0 && (!svc.internalPolicyLocal || externallyAccessible),
    usesLocalPolicyChain: eps.local.length > 0 && (svc.internalPolicyLocal || (svc.externalPolicyLocal && externallyAccessible)),
    // The short-circuit rules are needed even with no externally usable endpoints.
    usesExternalTrafficChain: hasEndpoints && externallyAccessible,
    usesFWChain,
    internalTrafficChain: svc.internalPolicyLocal ? svc.chains.local : svc.chains.cluster,
    externalPolicyChain: svc.externalPolicyLocal ? svc.chains.local : svc.chains.cluster,
    loadBalancerTrafficChain: usesFWChain ? svc.chains.firewall : svc.chains.external,
    internalFilter: unserved(hasInternalEndpoints),
    externalFilter: unserved(hasExternalEndpoints),
  };
}
