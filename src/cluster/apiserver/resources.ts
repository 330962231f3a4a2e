// The resources this API server serves: names, kinds, scopes, where they live
// in etcd (upstream's key layout, so `etcdctl get --prefix /registry` reads as
// on a kubeadm cluster) and which subresources they have.

export interface ResourceInfo {
  group: string;
  version: string;
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: string[];
  etcdPrefix: string;
}

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function r(info: Omit<ResourceInfo, 'verbs' | 'shortNames' | 'categories' | 'subresources'> & Partial<ResourceInfo>): ResourceInfo {
  return { verbs: RW, shortNames: [], categories: [], subresources: [], ...info };
}

export const RESOURCES: ResourceInfo[] = [
  r({ group: '', version: 'v1', resource: 'namespaces', singular: 'namespace', kind: 'Namespace', namespaced: false, shortNames: ['ns'], subresources: ['status', 'finalize'], etcdPrefix: '/registry/namespaces', verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }),
  r({ group: '', version: 'v1', resource: 'nodes', singular: 'node', kind: 'Node', namespaced: false, shortNames: ['no'], subresources: ['status', 'proxy'], etcdPrefix: '/registry/minions' }),
  r({ group: '', version: 'v1', resource: 'pods', singular: 'pod', kind: 'Pod', namespaced: true, shortNames: ['po'], categories: ['all'], subresources: ['status', 'log', 'exec', 'attach', 'binding', 'eviction', 'portforward', 'proxy', 'ephemeralcontainers', 'resize'], etcdPrefix: '/registry/pods' }),
  r({ group: '', version: 'v1', resource: 'services', singular: 'service', kind: 'Service', namespaced: true, shortNames: ['svc'], categories: ['all'], subresources: ['status', 'proxy'], etcdPrefix: '/registry/services/specs', verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] }),
  r({ group: '', version: 'v1', resource: 'endpoints', singular: 'endpoints', kind: 'Endpoints', namespaced: true, shortNames: ['ep'], etcdPrefix: '/registry/services/endpoints' }),
  r({ group: '', version: 'v1', resource: 'events', singular: 'event', kind: 'Event', namespaced: true, shortNames: ['ev'], etcdPrefix: '/registry/events' }),
  r({ group: 'apps', version: 'v1', resource: 'deployments', singular: 'deployment', kind: 'Deployment', namespaced: true, shortNames: ['deploy'], categories: ['all'], subresources: ['status', 'scale'], etcdPrefix: '/registry/deployments' }),
  r({ group: 'apps', version: 'v1', resource: 'replicasets', singular: 'replicaset', kind: 'ReplicaSet', namespaced: true, shortNames: ['rs'], categories: ['all'], subresources: ['status', 'scale'], etcdPrefix: '/registry/replicasets' }),
  r({ group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', singular: 'customresourcedefinition', kind: 'CustomResourceDefinition', namespaced: false, shortNames: ['crd', 'crds'], verbs: ['get', 'list', 'watch'], etcdPrefix: '/registry/apiextensions.k8s.io/customresourcedefinitions' }),
  r({ group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', singular: 'endpointslice', kind: 'EndpointSlice', namespaced: true, etcdPrefix: '/registry/endpointslices' }),
];

export function apiVersionOf(info: Pick<ResourceInfo, 'group' | 'version'>): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

export function findResource(group: string, version: string, resource: string): ResourceInfo | undefined {
  return RESOURCES.find((x) => x.group === group && x.version === version && x.resource === resource);
}

export function findKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  return RESOURCES.find((x) => apiVersionOf(x) === apiVersion && x.kind === kind);
}

/** The etcd key of one object. */
export function objectKey(info: ResourceInfo, namespace: string | undefined, name: string): string {
  return info.namespaced ? `${info.etcdPrefix}/${namespace}/${name}` : `${info.etcdPrefix}/${name}`;
}

/** The etcd prefix of a list: all namespaces, or one. */
export function listPrefix(info: ResourceInfo, namespace?: string): string {
  return info.namespaced && namespace ? `${info.etcdPrefix}/${namespace}/` : `${info.etcdPrefix}/`;
}
