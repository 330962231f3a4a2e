// A Service as kube-proxy sees it: one entry per port, carrying only what
// the rules need. Mirrors upstream's ServiceChangeTracker (which services are
// skipped) and newBaseServiceInfo (which addresses and policies apply) for an
// IPv4 proxier.
import type { Service } from '../../api/types';
import { servicePortChains, type ServicePortChains } from './chain-names';
import { parseIPv4, parseIPv4Cidr, type IPv4Cidr } from './ipv4';

export interface ServicePortInfo {
  /** "ns/name" or "ns/name:port": upstream's ServicePortName.String(). */
  name: string;
  protocol: string;
  protocolLower: string;
  /** Key matching endpoints to this port: name + protocol. */
  key: string;
  clusterIP: string;
  port: number;
  nodePort: number;
  externalIPs: string[];
  loadBalancerVIPs: string[];
  loadBalancerSourceRanges: IPv4Cidr[];
  healthCheckNodePort: number;
  sessionAffinityClientIP: boolean;
  stickyMaxAgeSeconds: number;
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
  chains: ServicePortChains;
}

// The API server's default for sessionAffinityConfig.clientIP.timeoutSeconds.
const DEFAULT_STICKY_SECONDS = 10800;

export function endpointsKey(name: string, protocol: string): string {
  return `${name}/${protocol}`;
}

/** The service's ports that get rules, in spec order; [] for headless, ExternalName or non-IPv4 services. */
export function servicePorts(service: Service): ServicePortInfo[] {
  const spec = service.spec ?? {};
  // The API server defaults the type; objects read from a file may lack it.
  const type = spec.type ?? 'ClusterIP';
  if (type === 'ExternalName') return [];
  const clusterIP = clusterIPv4(service);
  if (clusterIP === null) return [];

  const externallyAccessibleType = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && (spec.externalIPs?.length ?? 0) > 0);
  const externalPolicyLocal = externallyAccessibleType && spec.externalTrafficPolicy === 'Local';
  const internalPolicyLocal = spec.internalTrafficPolicy === 'Local';
  const needsHealthCheck = type === 'LoadBalancer' && externalPolicyLocal;
  const sessionAffinityClientIP = spec.sessionAffinity === 'ClientIP';
  const stickyMaxAgeSeconds = sessionAffinityClientIP ? spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_STICKY_SECONDS : 0;

  // External IPs are parsed as written (no trimming); source ranges are trimmed.
  const externalIPs = (spec.externalIPs ?? []).map(parseIPv4).filter((ip): ip is string => ip !== null);
  const loadBalancerSourceRanges = (spec.loadBalancerSourceRanges ?? [])
    .map((r) => parseIPv4Cidr(r.trim()))
    .filter((c): c is IPv4Cidr => c !== null);
  const loadBalancerVIPs: string[] = [];
  for (const ing of service.status?.loadBalancer?.ingress ?? []) {
    // ipMode "Proxy" load balancers deliver to the nodes themselves: no VIP rules.
    if (!ing.ip || (ing.ipMode ?? 'VIP') !== 'VIP') continue;
    const ip = parseIPv4(ing.ip);
    if (ip !== null) loadBalancerVIPs.push(ip);
  }

  const ns = service.metadata.namespace ?? '';
  const svcName = `${ns}/${service.metadata.name ?? ''}`;
  return (spec.ports ?? []).map((p) => {
    const name = p.name ? `${svcName}:${p.name}` : svcName;
    const protocol = p.protocol ?? 'TCP';
    const protocolLower = protocol.toLowerCase();
    return {
      name,
      protocol,
      protocolLower,
      key: endpointsKey(name, protocol),
      clusterIP,
      port: p.port,
      nodePort: p.nodePort ?? 0,
      externalIPs,
      loadBalancerVIPs,
      loadBalancerSourceRanges,
      healthCheckNodePort: needsHealthCheck ? spec.healthCheckNodePort ?? 0 : 0,
      sessionAffinityClientIP,
      stickyMaxAgeSeconds,
      externalPolicyLocal,
      internalPolicyLocal,
      chains: servicePortChains(name, protocolLower),
    };
  });
}

/** upstream's GetClusterIPByFamily for IPv4, null when the service gets no rules. */
function clusterIPv4(service: Service): string | null {
  const spec = service.spec ?? {};
  let ip: string | undefined;
  if (!spec.ipFamilies || spec.ipFamilies.length === 0) {
    ip = spec.clusterIP;
  } else {
    const idx = spec.ipFamilies.indexOf('IPv4');
    ip = idx >= 0 ? spec.clusterIPs?.[idx] : undefined;
  }
  if (!ip || ip === 'None' || spec.clusterIP === 'None' || !spec.clusterIP) return null;
  return parseIPv4(ip);
}
