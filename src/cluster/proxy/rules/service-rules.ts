// The rules for one service port: the body of upstream's per-service loop in
// syncProxyRules (full sync), statement for statement and in the same order,
// so the text matches what kube-proxy writes.
import {
  chainLine, endpointChainsOf, KUBE_EXTERNAL_SERVICES, KUBE_MARK_MASQ, KUBE_NODEPORTS, KUBE_PROXY_FIREWALL, KUBE_SERVICES,
} from './chain-names';
import type { EndpointInfo } from './endpoints';
import { writeEndpointChains, writeServiceToEndpointRules } from './endpoint-rules';
import type { RuleBuffers, RuleSettings } from './rule-buffers';
import type { ServicePortInfo } from './service-ports';
import { planServicePort } from './traffic-plan';

export function writeServicePortRules(out: RuleBuffers, s: RuleSettings, svc: ServicePortInfo, allEndpoints: readonly EndpointInfo[]): void {
  const p = planServicePort(svc, allEndpoints, s);
  const { filterRules, natChains, natRules } = out;
  const { name, chains } = svc;
  const matchProto = `-m ${svc.protocolLower} -p ${svc.protocolLower}`;
  const clusterIPMatch = `${matchProto} -d ${svc.clusterIP} --dport ${svc.port}`;
  const sepChain = endpointChainsOf(svc.key, name, svc.protocolLower);

  // Capture the clusterIP.
  if (p.hasInternalEndpoints) {
    natRules.push(`-A ${KUBE_SERVICES} -m comment --comment "${name} cluster IP" ${clusterIPMatch} -j ${p.internalTrafficChain}`);
  } else {
    filterRules.push(`-A ${KUBE_SERVICES} -m comment --comment ${p.internalFilter.comment} ${clusterIPMatch} -j ${p.internalFilter.target}`);
  }

  // Capture externalIPs.
  for (const ip of svc.externalIPs) {
    const match = `${matchProto} -d ${ip} --dport ${svc.port}`;
    if (p.hasEndpoints) natRules.push(`-A ${KUBE_SERVICES} -m comment --comment "${name} external IP" ${match} -j ${chains.external}`);
    if (!p.hasExternalEndpoints) filterRules.push(`-A ${KUBE_EXTERNAL_SERVICES} -m comment --comment ${p.externalFilter.comment} ${match} -j ${p.externalFilter.target}`);
  }

  // Capture load-balancer ingress.
  for (const ip of svc.loadBalancerVIPs) {
    const match = `${matchProto} -d ${ip} --dport ${svc.port}`;
    if (p.hasEndpoints) natRules.push(`-A ${KUBE_SERVICES} -m comment --comment "${name} loadbalancer IP" ${match} -j ${p.loadBalancerTrafficChain}`);
    if (p.usesFWChain) filterRules.push(`-A ${KUBE_PROXY_FIREWALL} -m comment --comment "${name} traffic not accepted by ${chains.firewall}" ${match} -j DROP`);
  }
  if (!p.hasExternalEndpoints) {
    for (const ip of svc.loadBalancerVIPs) {
      filterRules.push(`-A ${KUBE_EXTERNAL_SERVICES} -m comment --comment ${p.externalFilter.comment} ${matchProto} -d ${ip} --dport ${svc.port} -j ${p.externalFilter.target}`);
    }
  }

  // Capture nodeports. (The localhost variant upstream counts with nfacct is left out.)
  if (svc.nodePort !== 0) {
    if (p.hasEndpoints) natRules.push(`-A ${KUBE_NODEPORTS} -m comment --comment ${name} ${matchProto} --dport ${svc.nodePort} -j ${chains.external}`);
    if (!p.hasExternalEndpoints) {
      filterRules.push(`-A ${KUBE_EXTERNAL_SERVICES} -m comment --comment ${p.externalFilter.comment} -m addrtype --dst-type LOCAL ${matchProto} --dport ${svc.nodePort} -j ${p.externalFilter.target}`);
    }
  }

  // Capture healthCheckNodePorts, whether or not this node has local endpoints.
  if (svc.healthCheckNodePort !== 0) {
    filterRules.push(`-A ${KUBE_NODEPORTS} -m comment --comment "${name} health check node port" -m tcp -p tcp --dport ${svc.healthCheckNodePort} -j ACCEPT`);
  }

  // Internal traffic: masquerade what comes from outside the pod network.
  if (p.hasInternalEndpoints) {
    const args = `-A ${p.internalTrafficChain} -m comment --comment "${name} cluster IP" ${clusterIPMatch}`;
    if (s.masqueradeAll) natRules.push(`${args} -j ${KUBE_MARK_MASQ}`);
    else if (s.clusterCIDR) natRules.push(`${args} ! -s ${s.clusterCIDR} -j ${KUBE_MARK_MASQ}`);
  }

  // External traffic enters the EXT chain, which handles the special cases.
  if (p.usesExternalTrafficChain) {
    natChains.push(chainLine(chains.external));
    out.activeNatChains.add(chains.external);
    const ext = `-A ${chains.external}`;
    if (!svc.externalPolicyLocal) {
      // Endpoints may be on other nodes: masquerade so replies come back here.
      natRules.push(`${ext} -m comment --comment "masquerade traffic for ${name} external destinations" -j ${KUBE_MARK_MASQ}`);
    } else {
      // Pods reaching an external address behave as if it went out and back in.
      if (s.clusterCIDR) natRules.push(`${ext} -m comment --comment "pod traffic for ${name} external destinations" -s ${s.clusterCIDR} -j ${chains.cluster}`);
      // The node's own traffic gets the external address as source: masquerade it.
      natRules.push(`${ext} -m comment --comment "masquerade LOCAL traffic for ${name} external destinations" -m addrtype --src-type LOCAL -j ${KUBE_MARK_MASQ}`);
      natRules.push(`${ext} -m comment --comment "route LOCAL traffic for ${name} external destinations" -m addrtype --src-type LOCAL -j ${chains.cluster}`);
    }
    if (p.hasExternalEndpoints) natRules.push(`${ext} -j ${p.externalPolicyChain}`);
  }

  // loadBalancerSourceRanges; anything not accepted here is dropped by KUBE-PROXY-FIREWALL.
  if (p.usesFWChain) {
    natChains.push(chainLine(chains.firewall));
    out.activeNatChains.add(chains.firewall);
    const args = `-A ${chains.firewall} -m comment --comment "${name} loadbalancer IP"`;
    let allowFromNode = false;
    for (const cidr of svc.loadBalancerSourceRanges) {
      natRules.push(`${args} -s ${cidr.text} -j ${chains.external}`);
      if (cidr.contains(s.nodeIP)) allowFromNode = true;
    }
    // A node reaching the VIP loops back with the VIP as its source address.
    if (allowFromNode) {
      for (const ip of svc.loadBalancerVIPs) natRules.push(`${args} -s ${ip} -j ${chains.external}`);
    }
    natRules.push(`-A ${chains.firewall} -m comment --comment "other traffic to ${name} will be dropped by KUBE-PROXY-FIREWALL"`);
  }

  if (p.usesClusterPolicyChain) {
    natChains.push(chainLine(chains.cluster));
    out.activeNatChains.add(chains.cluster);
    writeServiceToEndpointRules(natRules, s.largeClusterMode, svc, chains.cluster, p.endpoints.cluster, sepChain);
  }
  if (p.usesLocalPolicyChain) {
    natChains.push(chainLine(chains.local));
    out.activeNatChains.add(chains.local);
    writeServiceToEndpointRules(natRules, s.largeClusterMode, svc, chains.local, p.endpoints.local, sepChain);
  }
  writeEndpointChains(out, s.largeClusterMode, svc, p.endpoints.allReachable, sepChain);
}
