// The kinds the API server knows, by group/version/kind, and the schema definition
// each one decodes into. Internal package names are upstream's (pkg/apis/core is
// "core"), used in the conversion error kube-apiserver reports for a wrong kind.

export interface KindInfo {
  group: string;
  version: string;
  kind: string;
  definition: string;
  internalPackage: string;
}

const k = (group: string, version: string, kind: string, definition: string, internalPackage: string): KindInfo =>
  ({ group, version, kind, definition, internalPackage });

export const KINDS: readonly KindInfo[] = [
  k('', 'v1', 'Namespace', 'core.v1.Namespace', 'core'),
  k('', 'v1', 'NamespaceList', 'core.v1.NamespaceList', 'core'),
  k('', 'v1', 'Node', 'core.v1.Node', 'core'),
  k('', 'v1', 'NodeList', 'core.v1.NodeList', 'core'),
  k('', 'v1', 'Pod', 'core.v1.Pod', 'core'),
  k('', 'v1', 'PodList', 'core.v1.PodList', 'core'),
  k('', 'v1', 'Service', 'core.v1.Service', 'core'),
  k('', 'v1', 'ServiceList', 'core.v1.ServiceList', 'core'),
  k('', 'v1', 'Endpoints', 'core.v1.Endpoints', 'core'),
  k('', 'v1', 'EndpointsList', 'core.v1.EndpointsList', 'core'),
  k('', 'v1', 'Event', 'core.v1.Event', 'core'),
  k('', 'v1', 'EventList', 'core.v1.EventList', 'core'),
  k('', 'v1', 'Binding', 'core.v1.Binding', 'core'),
  k('', 'v1', 'Status', 'meta.v1.Status', 'v1'),
  k('', 'v1', 'DeleteOptions', 'meta.v1.DeleteOptions', 'v1'),
  k('apps', 'v1', 'Deployment', 'apps.v1.Deployment', 'apps'),
  k('apps', 'v1', 'DeploymentList', 'apps.v1.DeploymentList', 'apps'),
  k('apps', 'v1', 'ReplicaSet', 'apps.v1.ReplicaSet', 'apps'),
  k('apps', 'v1', 'ReplicaSetList', 'apps.v1.ReplicaSetList', 'apps'),
  k('autoscaling', 'v1', 'Scale', 'autoscaling.v1.Scale', 'autoscaling'),
  k('discovery.k8s.io', 'v1', 'EndpointSlice', 'discovery.v1.EndpointSlice', 'discovery'),
  k('discovery.k8s.io', 'v1', 'EndpointSliceList', 'discovery.v1.EndpointSliceList', 'discovery'),
  k('events.k8s.io', 'v1', 'Event', 'events.v1.Event', 'core'),
  k('events.k8s.io', 'v1', 'EventList', 'events.v1.EventList', 'core'),
];

/** Splits "apps/v1" into group and version; "v1" is the core group. */
export function parseAPIVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function formatAPIVersion(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

export function findKind(apiVersion: string, kind: string): KindInfo | undefined {
  const { group, version } = parseAPIVersion(apiVersion);
  return KINDS.find((x) => x.group === group && x.version === version && x.kind === kind);
}

/** The definition of a kind given by name only: the first group that has it (core first). */
export function kindByName(kind: string): KindInfo | undefined {
  return KINDS.find((x) => x.kind === kind);
}
