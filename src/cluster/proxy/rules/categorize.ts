// Which endpoints a service port uses on this node: upstream's
// CategorizeEndpoints (pkg/proxy/topology.go). Ready endpoints by default;
// serving-and-terminating ones only when no ready endpoint exists (decided
// separately for Cluster and Local policy); topology hints narrow the
// Cluster set when every ready endpoint carries them.
import type { EndpointInfo } from './endpoints';
import { byEndpoint } from './endpoints';

export interface PolicyFlags {
  internalPolicyLocal: boolean;
  externalPolicyLocal: boolean;
  externallyAccessible: boolean;
}

export interface CategorizedEndpoints {
  /** Endpoints for "Cluster" policy; [] if the service never uses it. */
  cluster: EndpointInfo[];
  /** Local endpoints for "Local" policy; [] if the service never uses it. */
  local: EndpointInfo[];
  /** Every endpoint some rule of this node can reach: each gets a KUBE-SEP chain. */
  allReachable: EndpointInfo[];
  /** Usable endpoints exist somewhere in the cluster. */
  hasAny: boolean;
}

export function usesClusterEndpoints(p: PolicyFlags): boolean {
  // External traffic needs Cluster endpoints even with Local external policy,
  // for the short-circuit of pod and node traffic to external addresses.
  return !p.internalPolicyLocal || p.externallyAccessible;
}

export function usesLocalEndpoints(p: PolicyFlags): boolean {
  return p.internalPolicyLocal || (p.externalPolicyLocal && p.externallyAccessible);
}

const ZONE_LABEL = 'topology.kubernetes.io/zone';

export function categorizeEndpoints(
  endpoints: readonly EndpointInfo[],
  policy: PolicyFlags,
  nodeName: string,
  nodeLabels: Readonly<Record<string, string>> | undefined,
): CategorizedEndpoints {
  let cluster: EndpointInfo[] = [];
  let local: EndpointInfo[] = [];
  let hasAny = false;
  let topologyMode = '';
  let useServingTerminating = false;
  const zone = nodeLabels?.[ZONE_LABEL] ?? '';

  const usesCluster = usesClusterEndpoints(policy);
  if (usesCluster) {
    topologyMode = topologyModeFromHints(endpoints, nodeName, zone);
    cluster = endpoints.filter((ep) => ep.ready && availableForTopology(ep, topologyMode, nodeName, zone));
    if (cluster.length === 0) cluster = endpoints.filter((ep) => ep.serving && ep.terminating);
    hasAny = cluster.length > 0;
  }
  if (!usesLocalEndpoints(policy)) return { cluster, local, allReachable: cluster, hasAny };

  let hasLocalReady = false;
  let hasLocalServingTerminating = false;
  for (const ep of endpoints) {
    if (ep.ready) {
      hasAny = true;
      if (ep.isLocal) hasLocalReady = true;
    } else if (ep.serving && ep.terminating) {
      hasAny = true;
      if (ep.isLocal) hasLocalServingTerminating = true;
    }
  }
  if (hasLocalReady) {
    local = endpoints.filter((ep) => ep.isLocal && ep.ready);
  } else if (hasLocalServingTerminating) {
    useServingTerminating = true;
    local = endpoints.filter((ep) => ep.isLocal && ep.serving && ep.terminating);
  }
  if (!usesCluster) return { cluster, local, allReachable: local, hasAny };
  // Without topology and with only ready local endpoints, cluster ⊇ local.
  if (topologyMode === '' && !useServingTerminating) return { cluster, local, allReachable: cluster, hasAny };

  // Upstream merges through a Go map (random order); sorting keeps ours stable.
  const merged = new Map<string, EndpointInfo>();
  for (const ep of cluster) merged.set(ep.endpoint, ep);
  for (const ep of local) merged.set(ep.endpoint, ep);
  return { cluster, local, allReachable: [...merged.values()].sort(byEndpoint), hasAny };
}

function topologyModeFromHints(endpoints: readonly EndpointInfo[], nodeName: string, zone: string): string {
  let hasForNode = false;
  let allHaveNodeHints = true;
  let hasForZone = false;
  let allHaveZoneHints = true;
  for (const ep of endpoints) {
    if (!ep.ready) continue;
    if (!ep.nodeHints) allHaveNodeHints = false;
    else if (ep.nodeHints.has(nodeName)) hasForNode = true;
    if (!ep.zoneHints) allHaveZoneHints = false;
    else if (ep.zoneHints.has(zone)) hasForZone = true;
  }
  // PreferSameTrafficDistribution is on by default from v1.34.
  if (allHaveNodeHints && hasForNode) return 'PreferSameNode';
  if (allHaveZoneHints && hasForZone) return 'PreferSameZone';
  return '';
}

function availableForTopology(ep: EndpointInfo, mode: string, nodeName: string, zone: string): boolean {
  if (mode === '') return true;
  if (mode === 'PreferSameNode') return ep.nodeHints?.has(nodeName) ?? false;
  return ep.zoneHints?.has(zone) ?? false;
}
