// buildProxyRules: the whole iptables-restore payload of one full sync of
// upstream's iptables proxier (pkg/proxy/iptables/proxier.go syncProxyRules),
// computed from the objects alone. Applying it is the caller's business.
import {
  chainLine, isServiceChainName, KUBE_EXTERNAL_SERVICES, KUBE_FIREWALL, KUBE_FORWARD, KUBE_MARK_MASQ, KUBE_NODEPORTS,
  KUBE_POSTROUTING, KUBE_PROXY_FIREWALL, KUBE_SERVICES,
} from './chain-names';
import { endpointsByServicePort, type EndpointInfo } from './endpoints';
import { servicePorts, type ServicePortInfo } from './service-ports';
import type { RuleBuffers } from './rule-buffers';
import { writeServicePortRules } from './service-rules';
import type { ProxyRules, ProxyRulesInput } from './types';

/** Above this many endpoints upstream drops per-endpoint comments to keep the ruleset small. */
export const LARGE_CLUSTER_ENDPOINTS_THRESHOLD = 1000;

const NO_ENDPOINTS: readonly EndpointInfo[] = [];

export function buildProxyRules(input: ProxyRulesInput): ProxyRules {
  const mark = input.masqueradeMark ?? masqueradeMark(input.masqueradeBit ?? 14);
  const localhostNodePorts = input.localhostNodePorts ?? false;
  const ports = sortedServicePorts(input.services);
  const endpoints = endpointsByServicePort(input.endpointSlices, input.nodeName);

  let totalEndpoints = 0;
  for (const svc of ports) totalEndpoints += endpoints.get(svc.key)?.length ?? 0;
  const largeClusterMode = totalEndpoints > LARGE_CLUSTER_ENDPOINTS_THRESHOLD;

  const filterChains = ['*filter'];
  for (const c of [KUBE_SERVICES, KUBE_EXTERNAL_SERVICES, KUBE_FORWARD, KUBE_NODEPORTS, KUBE_PROXY_FIREWALL]) filterChains.push(chainLine(c));
  const natChains = ['*nat'];
  for (const c of [KUBE_SERVICES, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_MARK_MASQ]) natChains.push(chainLine(c));
  const out: RuleBuffers = { filterRules: [], natChains, natRules: [], activeNatChains: new Set() };
  const { filterRules, natRules } = out;

  // Masquerade only what is marked, clearing the mark so a packet that
  // re-traverses the stack is not masqueraded twice.
  natRules.push(`-A ${KUBE_POSTROUTING} -m mark ! --mark ${mark}/${mark} -j RETURN`);
  natRules.push(`-A ${KUBE_POSTROUTING} -j MARK --xor-mark ${mark}`);
  natRules.push(`-A ${KUBE_POSTROUTING} -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE${input.randomFully ?? true ? ' --random-fully' : ''}`);
  natRules.push(`-A ${KUBE_MARK_MASQ} -j MARK --or-mark ${mark}`);

  if (localhostNodePorts) {
    // route_localnet would otherwise let martian packets reach 127.0.0.0/8.
    filterChains.push(chainLine(KUBE_FIREWALL));
    filterRules.push(`-A ${KUBE_FIREWALL} -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP`);
  }

  const settings = {
    nodeName: input.nodeName,
    nodeIP: input.nodeIPs[0] ?? '',
    nodeLabels: input.nodeLabels,
    clusterCIDR: input.clusterCIDR.trim(),
    masqueradeAll: input.masqueradeAll ?? false,
    largeClusterMode,
  };
  for (const svc of ports) writeServicePortRules(out, settings, svc, endpoints.get(svc.key) ?? NO_ENDPOINTS);

  // Delete service chains left from earlier syncs; the chain line flushes them first.
  let deletedChains = 0;
  for (const chain of new Set(input.existingChains ?? [])) {
    if (out.activeNatChains.has(chain) || !isServiceChainName(chain)) continue;
    natChains.push(chainLine(chain));
    natRules.push(`-X ${chain}`);
    deletedChains++;
  }

  // NodePorts are matched after every service address, whatever the local address.
  const localhost = localhostNodePorts ? '' : ' ! -d 127.0.0.0/8';
  natRules.push(`-A ${KUBE_SERVICES} -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL${localhost} -j ${KUBE_NODEPORTS}`);

  // Without tcp_be_liberal, INVALID packets could reset established connections.
  if (!input.conntrackTCPLiberal) filterRules.push(`-A ${KUBE_FORWARD} -m conntrack --ctstate INVALID -j DROP`);
  // Forward marked traffic even when the FORWARD policy is DROP, and its replies.
  filterRules.push(`-A ${KUBE_FORWARD} -m comment --comment "kubernetes forwarding rules" -m mark --mark ${mark}/${mark} -j ACCEPT`);
  filterRules.push(`-A ${KUBE_FORWARD} -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`);

  const filter = filterChains.concat(filterRules, 'COMMIT');
  const nat = natChains.concat(natRules, 'COMMIT');
  return {
    filter,
    nat,
    payload: filter.join('\n') + '\n' + nat.join('\n') + '\n',
    stats: {
      servicePorts: ports.length,
      endpoints: totalEndpoints,
      largeClusterMode,
      filterRules: filterRules.length,
      natRules: natRules.length - deletedChains,
      deletedChains,
    },
  };
}

/** The mark as NewProxier formats it: fmt.Sprintf("%#08x", 1<<bit), e.g. "0x00004000". */
export function masqueradeMark(bit: number): string {
  if (!Number.isInteger(bit) || bit < 0 || bit > 31) throw new RangeError(`masquerade bit must be 0..31, got ${bit}`);
  return '0x' + (2 ** bit).toString(16).padStart(8, '0');
}

// Upstream walks a Go map, so its service order changes from sync to sync;
// ours is fixed (namespace/name, then spec order) so the output is stable.
function sortedServicePorts(services: ProxyRulesInput['services']): ServicePortInfo[] {
  const sorted = [...services].sort((a, b) => {
    const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name ?? ''}`;
    const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name ?? ''}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const ports: ServicePortInfo[] = [];
  for (const svc of sorted) ports.push(...servicePorts(svc));
  return ports;
}
