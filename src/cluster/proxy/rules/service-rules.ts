// The rules for one service port: the body of upstream's per-service loop in
// syncProxyRules (full sync), statement for statement and in the same order,
// so the text matches what kube-proxy writes.
import {
  chainLine, endpointChain, KUBE_EXTERNAL_SERVICES, KUBE_MARK_MASQ, KUBE_NODEPORTS, KUBE_PROXY_FIREWALL, KUBE_SERVICES,
} from './chain-names';
import { categorizeEndpoints } from './categorize';
import type { EndpointInfo } from './endpoints';
import { probability } from './probability';
import type { ServicePortInfo } from './service-ports';

export interface RuleBuffers {
  filterRules: string[];
  natChains: string[];
  natRules: string[];
  /** nat chains written this sync; the rest of the service chains get deleted. */
  activeNatChains: Set<string>;
}

export interface RuleSettings {
  nodeName: string;
  /** Primary node IP: LB source ranges containing it also admit the LB IPs as sources. */
  nodeIP: string;
  nodeLabels: Readonly<Record<string, string>> | undefined;
  /** Pod CIDR for the local-traffic detector; "" when there is none. */
  clusterCIDR: string;
  masqueradeAll: boolean;
  /** Over 1000 endpoints the per-endpoint comments are left out. */
  largeClusterMode: boolean;
}

export function writeServicePortRules(out: RuleBuffers, s: RuleSettings, svc: ServicePortInfo, allEndpoints: readonly EndpointInfo[]): void {
  const name = svc.name;
  const proto = svc.protocolLower;
  const matchProto = `-m ${proto} -p ${proto}`;
  const externallyAccessible = svc.nodePort !== 0 || svc.loadBalancerVIPs.length > 0 || svc.externalIPs.length > 0;
  const policy = { internalPolicyLocal: svc.internalPolicyLocal, externalPolicyLocal: svc.externalPolicyLocal, externallyAccessible };
  const eps = categorizeEndpoints(allEndpoints, policy, s.nodeName, s.nodeLabels);
  const hasEndpoints = eps.hasAny;

  const clusterPolicyChain = svc.chains.cluster;
  const usesClusterPolicyChain = eps.cluster.length > 0 && (!svc.internalPolicyLocal || externallyAccessible);
  const localPolicyChain = svc.chains.local;
  const usesLocalPolicyChain = eps.local.length > 0 && (svc.internalPolicyLocal || (svc.externalPolicyLocal && externallyAccessible));

  let internalTrafficChain = clusterPolicyChain;
  let hasInternalEndpoints = hasEndpoints;
  if (svc.internalPolicyLocal) {
    internalTrafficChain = localPolicyChain;
    if (eps.local.length === 0) hasInternalEndpoints = false;
  }
  let externalPolicyChain = clusterPolicyChain;
  let hasExternalEndpoints = hasEndpoints;
  if (svc.externalPolicyLocal) {
    externalPolicyChain = localPolicyChain;
    if (eps.local.length === 0) hasExternalEndpoints = false;
  }
  const externalTrafficChain = svc.chains.external;
  // The short-circuit rules are needed even with no externally usable endpoints.
  const usesExternalTrafficChain = hasEndpoints && externallyAccessible;
  const fwChain = svc.chains.firewall;
  const usesFWChain = hasEndpoints && svc.loadBalancerVIPs.length > 0 && svc.loadBalancerSourceRanges.length > 0;
  const loadBalancerTrafficChain = usesFWChain ? fwChain : externalTrafficChain;

  let internalFilterTarget = '';
  let internalFilterComment = '';
  let externalFilterTarget = '';
  let externalFilterComment = '';
  if (!hasEndpoints) {
    internalFilterTarget = externalFilterTarget = 'REJECT';
    internalFilterComment = externalFilterComment = `"${name} has no endpoints"`;
  } else {
    if (!hasInternalEndpoints) {
      internalFilterTarget = 'DROP';
      internalFilterComment = `"${name} has no local endpoints"`;
    }
    if (!hasExternalEndpoints) {
      externalFilterTarget = 'DROP';
      externalFilterComment = `"${name} has no local endpoints"`;
    }
  }

  const { filterRules, natChains, natRules } = out;
  const clusterIPMatch = `${matchProto} -d ${svc.clusterIP} --dport ${svc.port}`;

  // Capture the clusterIP.
  if (hasInternalEndpoints) {
    natRules.push(`-A ${KUBE_SERVICES} -m comment --comment "${name} cluster IP" ${clusterIPMatch} -j ${internalTrafficChain}`);
  } else {
    filterRules.push(`-A ${KUBE_SERVICES} -m comment --comment ${internalFilterComment} ${clusterIPMatch} -j ${internalFilterTarget}`);
  }

  // Capture externalIPs.
  for (const ip of svc.externalIPs) {
    const match = `${matchProto} -d ${ip} --dport ${svc.port}`;
    if (hasEndpoints) natRules.push(`-A ${KUBE_SERVICES} -m comment --comment "${name} external IP" ${match} -j ${externalTrafficChain}`);
    if (!hasExternalEndpoints) filterRules.push(`-A ${KUBE_EXTERNAL_SERVICES} -m comment --comment ${externalFilterComment} ${match} -j ${externalFilterTarget}`);
  }

  // Capture load-balancer ingress.
  for (const ip of svc.loadBalancerVIPs) {
    const match = `${matchProto} -d ${ip} --dport ${svc.port}`;
    if (hasEndpoints) natRules.push(`-A ${KUBE_SERVICES} -m comment --comment "${name} loadbalancer IP" ${match} -j ${loadBalancerTrafficChain}`);
    if (usesFWChain) filterRules.push(`-A ${KUBE_PROXY_FIREWALL} -m comment --comment "${name} traffic not accepted by ${fwChain}" ${match} -j DROP`);
  }
  if (!hasExternalEndpoints) {
    for (const ip of svc.loadBalancerVIPs) {
      filterRules.push(`-A ${KUBE_EXTERNAL_SERVICES} -m comment --comment ${externalFilterComment} ${matchProto} -d ${ip} --dport ${svc.port} -j ${externalFilterTarget}`);
    }
  }

  // Capture nodeports. (The localhost variant upstream counts with nfacct is left out.)
  if (svc.nodePort !== 0) {
    if (hasEndpoints) natRules.push(`-A ${KUBE_NODEPORTS} -m comment --comment ${name} ${matchProto} --dport ${svc.nodePort} -j ${externalTrafficChain}`);
    if (!hasExternalEndpoints) {
      filterRules.push(`-A ${KUBE_EXTERNAL_SERVICES} -m comment --comment ${externalFilterComment} -m addrtype --dst-type LOCAL ${matchProto} --dport ${svc.nodePort} -j ${externalFilterTarget}`);
    }
  }

  // Capture healthCheckNodePorts, whether or not this node has local endpoints.
  if (svc.healthCheckNodePort !== 0) {
    filterRules.push(`-A ${KUBE_NODEPORTS} -m comment --comment "${name} health check node port" -m tcp -p tcp --dport ${svc.healthCheckNodePort} -j ACCEPT`);
  }

  // Internal traffic: masquerade what comes from outside the pod network.
  if (hasInternalEndpoints) {
    const args = `-A ${internalTrafficChain} -m comment --comment "${name} cluster IP" ${clusterIPMatch}`;
    if (s.masqueradeAll) natRules.push(`${args} -j ${KUBE_MARK_MASQ}`);
    else if (s.clusterCIDR) natRules.push(`${args} ! -s ${s.clusterCIDR} -j ${KUBE_MARK_MASQ}`);
  }

  // External traffic enters the EXT chain, which handles the special cases.
  if (usesExternalTrafficChain) {
    natChains.push(chainLine(externalTrafficChain));
    out.activeNatChains.add(externalTrafficChain);
    const ext = `-A ${externalTrafficChain}`;
    if (!svc.externalPolicyLocal) {
      // Endpoints may be on other nodes: masquerade so replies come back here.
      natRules.push(`${ext} -m comment --comment "masquerade traffic for ${name} external destinations" -j ${KUBE_MARK_MASQ}`);
    } else {
      // Pods reaching an external address behave as if it went out and back in.
      if (s.clusterCIDR) natRules.push(`${ext} -m comment --comment "pod traffic for ${name} external destinations" -s ${s.clusterCIDR} -j ${clusterPolicyChain}`);
      // The node's own traffic gets the external address as source: masquerade it.
      natRules.push(`${ext} -m comment --comment "masquerade LOCAL traffic for ${name} external destinations" -m addrtype --src-type LOCAL -j ${KUBE_MARK_MASQ}`);
      natRules.push(`${ext} -m comment --comment "route LOCAL traffic for ${name} external destinations" -m addrtype --src-type LOCAL -j ${clusterPolicyChain}`);
    }
    if (hasExternalEndpoints) natRules.push(`${ext} -j ${externalPolicyChain}`);
  }

  // loadBalancerSourceRanges; anything not accepted here is dropped by KUBE-PROXY-FIREWALL.
  if (usesFWChain) {
    natChains.push(chainLine(fwChain));
    out.activeNatChains.add(fwChain);
    const args = `-A ${fwChain} -m comment --comment "${name} loadbalancer IP"`;
    let allowFromNode = false;
    for (const cidr of svc.loadBalancerSourceRanges) {
      natRules.push(`${args} -s ${cidr.text} -j ${externalTrafficChain}`);
      if (cidr.contains(s.nodeIP)) allowFromNode = true;
    }
    // A node reaching the VIP loops back with the VIP as its source address.
    if (allowFromNode) {
      for (const ip of svc.loadBalancerVIPs) natRules.push(`${args} -s ${ip} -j ${externalTrafficChain}`);
    }
    natRules.push(`-A ${fwChain} -m comment --comment "other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL"`);
  }

  if (usesClusterPolicyChain) {
    natChains.push(chainLine(clusterPolicyChain));
    out.activeNatChains.add(clusterPolicyChain);
    writeServiceToEndpointRules(natRules, s, svc, clusterPolicyChain, eps.cluster);
  }
  if (usesLocalPolicyChain) {
    natChains.push(chainLine(localPolicyChain));
    out.activeNatChains.add(localPolicyChain);
    writeServiceToEndpointRules(natRules, s, svc, localPolicyChain, eps.local);
  }

  // One chain per endpoint: hairpin SNAT, affinity bookkeeping, DNAT.
  const comment = s.largeClusterMode ? '' : ` -m comment --comment ${name}`;
  for (const ep of eps.allReachable) {
    const sep = sepChain(svc, ep);
    natChains.push(chainLine(sep));
    out.activeNatChains.add(sep);
    natRules.push(`-A ${sep}${comment} -s ${ep.ip} -j ${KUBE_MARK_MASQ}`);
    const recent = svc.sessionAffinityClientIP ? ` -m recent --name ${sep} --set` : '';
    natRules.push(`-A ${sep}${comment}${recent} ${matchProto} -j DNAT --to-destination ${ep.endpoint}`);
  }
}

function writeServiceToEndpointRules(natRules: string[], s: RuleSettings, svc: ServicePortInfo, chain: string, endpoints: readonly EndpointInfo[]): void {
  const seps = endpoints.map((ep) => sepChain(svc, ep));
  const comment = (ep: EndpointInfo): string => (s.largeClusterMode ? '' : ` -m comment --comment "${svc.name} -> ${ep.endpoint}"`);
  // Session affinity first: a remembered client goes back to its endpoint.
  if (svc.sessionAffinityClientIP) {
    endpoints.forEach((ep, i) => {
      natRules.push(`-A ${chain}${comment(ep)} -m recent --name ${seps[i]} --rcheck --seconds ${svc.stickyMaxAgeSeconds} --reap -j ${seps[i]}`);
    });
  }
  // Then load balancing: rule i matches 1/(n-i) of what reaches it; the last takes the rest.
  const n = endpoints.length;
  endpoints.forEach((ep, i) => {
    const stat = i < n - 1 ? ` -m statistic --mode random --probability ${probability(n - i)}` : '';
    natRules.push(`-A ${chain}${comment(ep)}${stat} -j ${seps[i]}`);
  });
}

function sepChain(svc: ServicePortInfo, ep: EndpointInfo): string {
  return (ep.chain ??= endpointChain(svc.name, svc.protocolLower, ep.endpoint));
}
