// The rules that reach endpoints: a policy chain (KUBE-SVC/KUBE-SVL) picking
// one endpoint at random or by ClientIP affinity, and one KUBE-SEP chain per
// endpoint doing the DNAT. upstream's writeServiceToEndpointRules and the
// end of its per-service loop.
import { chainLine, KUBE_MARK_MASQ } from './chain-names';
import type { EndpointInfo } from './endpoints';
import { probability } from './probability';
import type { ServicePortInfo } from './service-ports';
import type { RuleBuffers } from './rule-buffers';

export function writeServiceToEndpointRules(
  natRules: string[],
  largeClusterMode: boolean,
  svc: ServicePortInfo,
  chain: string,
  endpoints: readonly EndpointInfo[],
  sepChain: (endpoint: string) => string,
): void {
  const seps = endpoints.map((ep) => sepChain(ep.endpoint));
  const comment = (ep: EndpointInfo): string => (largeClusterMode ? '' : ` -m comment --comment "${svc.name} -> ${ep.endpoint}"`);
  // Session affinity first: a remembered client goes back to its endpoint.
  if (svc.sessionAffinityClientIP) {
    endpoints.forEach((ep, i) => {
      natRules.push(`-A ${chain}${comment(ep)} -m recent --name ${seps[i]} --rcheck --seconds ${svc.stickyMaxAgeSeconds} --reap -j ${seps[i]}`);
    });
  }
  // Then load balancing: rule i takes 1/(n-i) of what reaches it, the last takes the rest.
  const n = endpoints.length;
  endpoints.forEach((ep, i) => {
    const stat = i < n - 1 ? ` -m statistic --mode random --probability ${probability(n - i)}` : '';
    natRules.push(`-A ${chain}${comment(ep)}${stat} -j ${seps[i]}`);
  });
}

export function writeEndpointChains(
  out: RuleBuffers,
  largeClusterMode: boolean,
  svc: ServicePortInfo,
  endpoints: readonly EndpointInfo[],
  sepChain: (endpoint: string) => string,
): void {
  const comment = largeClusterMode ? '' : ` -m comment --comment ${svc.name}`;
  const recentSet = svc.sessionAffinityClientIP;
  const proto = svc.protocolLower;
  for (const ep of endpoints) {
    const sep = sepChain(ep.endpoint);
    out.natChains.push(chainLine(sep));
    out.activeNatChains.add(sep);
    // Hairpin: a pod reaching itself through the service must be SNATed.
    out.natRules.push(`-A ${sep}${comment} -s ${ep.ip} -j ${KUBE_MARK_MASQ}`);
    const recent = recentSet ? ` -m recent --name ${sep} --set` : '';
    out.natRules.push(`-A ${sep}${comment}${recent} -m ${proto} -p ${proto} -j DNAT --to-destination ${ep.endpoint}`);
  }
}
