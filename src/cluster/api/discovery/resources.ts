// The resources KubeLab serves, each exactly as a v1.35 kube-apiserver lists it in
// discovery (names, singular names, kinds, verbs, short names, categories, storage
// version hashes), in upstream's order (sorted by path). Only the lab's scope is
// listed: a resource in discovery that the server does not serve would make kubectl
// offer what then fails (`kubectl api-resources`, completion). Upstream also lists
// namespaces/finalize, nodes/proxy, pods/{ephemeralcontainers,eviction,portforward,
// proxy,resize} and services/proxy.

export interface APIResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  storageVersionHash?: string;
}

export interface GroupVersion {
  /** "" for the core group. */
  group: string;
  version: string;
  resources: APIResource[];
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const STATUS_VERBS = ['get', 'patch', 'update'];

const sub = (name: string, kind: string, verbs: string[], namespaced: boolean, groupVersion?: [string, string]): APIResource => ({
  name,
  singularName: '',
  namespaced,
  ...(groupVersion ? { group: groupVersion[0], version: groupVersion[1] } : {}),
  kind,
  verbs,
});

export const CORE_V1: GroupVersion = {
  group: '',
  version: 'v1',
  resources: [
    { name: 'bindings', singularName: 'binding', namespaced: true, kind: 'Binding', verbs: ['create'] },
    { name: 'endpoints', singularName: 'endpoints', namespaced: true, kind: 'Endpoints', verbs: ALL_VERBS, shortNames: ['ep'], storageVersionHash: 'fWeeMqaN/OA=' },
    { name: 'events', singularName: 'event', namespaced: true, kind: 'Event', verbs: ALL_VERBS, shortNames: ['ev'], storageVersionHash: 'r2yiGXH7wu8=' },
    {
      name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace',
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['ns'], storageVersionHash: 'Q3oi5N2YM8M=',
    },
    sub('namespaces/status', 'Namespace', STATUS_VERBS, false),
    { name: 'nodes', singularName: 'node', namespaced: false, kind: 'Node', verbs: ALL_VERBS, shortNames: ['no'], storageVersionHash: 'XwShjMxG9Fs=' },
    sub('nodes/status', 'Node', STATUS_VERBS, false),
    {
      name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ALL_VERBS,
      shortNames: ['po'], categories: ['all'], storageVersionHash: 'xPOwRZ+Yhw8=',
    },
    sub('pods/attach', 'PodAttachOptions', ['create', 'get'], true),
    sub('pods/binding', 'Binding', ['create'], true),
    sub('pods/exec', 'PodExecOptions', ['create', 'get'], true),
    sub('pods/log', 'Pod', ['get'], true),
    sub('pods/status', 'Pod', STATUS_VERBS, true),
    {
      name: 'services', singularName: 'service', namespaced: true, kind: 'Service', verbs: ALL_VERBS,
      shortNames: ['svc'], categories: ['all'], storageVersionHash: '0/CO1lhkEBI=',
    },
    sub('services/status', 'Service', STATUS_VERBS, true),
  ],
};

export const APPS_V1: GroupVersion = {
  group: 'apps',
  version: 'v1',
  resources: [
    {
      name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', verbs: ALL_VERBS,
      shortNames: ['deploy'], categories: ['all'], storageVersionHash: '8aSe+NMegvE=',
    },
    sub('deployments/scale', 'Scale', STATUS_VERBS, true, ['autoscaling', 'v1']),
    sub('deployments/status', 'Deployment', STATUS_VERBS, true),
    {
      name: 'replicasets', singularName: 'replicaset', namespaced: true, kind: 'ReplicaSet', verbs: ALL_VERBS,
      shortNames: ['rs'], categories: ['all'], storageVersionHash: 'P1RzHs8/mWQ=',
    },
    sub('replicasets/scale', 'Scale', STATUS_VERBS, true, ['autoscaling', 'v1']),
    sub('replicasets/status', 'ReplicaSet', STATUS_VERBS, true),
  ],
};

export const DISCOVERY_V1: GroupVersion = {
  group: 'discovery.k8s.io',
  version: 'v1',
  resources: [
    { name: 'endpointslices', singularName: 'endpointslice', namespaced: true, kind: 'EndpointSlice', verbs: ALL_VERBS, storageVersionHash: 'qgS0xkrxYAI=' },
  ],
};

export const EVENTS_V1: GroupVersion = {
  group: 'events.k8s.io',
  version: 'v1',
  resources: [
    // Stored as core/v1 Event: the same hash as the core resource.
    { name: 'events', singularName: 'event', namespaced: true, kind: 'Event', verbs: ALL_VERBS, shortNames: ['ev'], storageVersionHash: 'r2yiGXH7wu8=' },
  ],
};

/**
 * CustomResourceDefinitions, read-only and always empty: the lab has no custom
 * resources, but kubectl asks for them before it says a kind does not exist.
 */
export const APIEXTENSIONS_V1: GroupVersion = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  resources: [
    {
      name: 'customresourcedefinitions', singularName: 'customresourcedefinition', namespaced: false, kind: 'CustomResourceDefinition',
      verbs: ['get', 'list', 'watch'], shortNames: ['crd', 'crds'], categories: ['api-extensions'], storageVersionHash: 'M5uH+AlWATY=',
    },
  ],
};

/**
 * The named groups in the order kube-apiserver lists them in /apis (its group
 * priorities). events.k8s.io is left out: the lab serves Events as core/v1
 * only, and listing a group it does not serve would make kubectl offer it.
 */
export const GROUPS: GroupVersion[] = [APPS_V1, APIEXTENSIONS_V1, DISCOVERY_V1];

export const ALL_GROUP_VERSIONS: GroupVersion[] = [CORE_V1, ...GROUPS];

export function groupVersionString(gv: { group: string; version: string }): string {
  return gv.group ? `${gv.group}/${gv.version}` : gv.version;
}
