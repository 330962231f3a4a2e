// What the answerer knows about the cluster, built from the API objects the
// way CoreDNS's kubernetes plugin caches them (plugin/kubernetes/object):
// services by name and by cluster IP, ready endpoint addresses by service and
// by IP, pods by IP, and the namespaces that exist.
import type { EndpointSlice, KubeObject, Pod, Service } from '../api/types';
import { canonicalIp } from './ip';

export interface IndexedPort {
  name: string;
  protocol: string;
  /** -1 when the EndpointSlice declares no ports: CoreDNS's sentinel, skipped in SRV answers. */
  port: number;
}

export interface IndexedService {
  name: string;
  namespace: string;
  type: string;
  headless: boolean;
  clusterIPs: string[];
  externalName: string;
  ports: IndexedPort[];
}

export interface IndexedAddress {
  ip: string;
  hostname: string;
  targetRefName: string;
}

/** One EndpointSlice: its ready addresses and its ports (CoreDNS's object.Endpoints). */
export interface IndexedEndpoints {
  name: string;
  namespace: string;
  serviceName: string;
  addresses: IndexedAddress[];
  ports: IndexedPort[];
}

export interface DnsIndex {
  /** SOA serial: CoreDNS uses the Unix time of the last change it saw. */
  serial: number;
  /** False until the first full list arrived; name errors are then SERVFAIL, as in CoreDNS. */
  synced: boolean;
  namespaces: Set<string>;
  services: Map<string, IndexedService>;
  servicesByIP: Map<string, IndexedService[]>;
  endpoints: Map<string, IndexedEndpoints[]>;
  endpointsByIP: Map<string, IndexedEndpoints[]>;
  podsByIP: Map<string, { name: string; namespace: string }[]>;
}

export interface IndexOptions {
  serial?: number;
  synced?: boolean;
}

/** Namespaces every cluster has; used when the objects include no Namespace at all. */
export const BUILTIN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export function serviceKey(name: string, namespace: string): string {
  return `${namespace}/${name}`.toLowerCase();
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function indexService(svc: Service): IndexedService | null {
  const name = svc.metadata?.name;
  if (!name) return null;
  const spec = svc.spec ?? {};
  const clusterIP = spec.clusterIP ?? '';
  const ips = spec.clusterIPs && spec.clusterIPs.length > 0 ? spec.clusterIPs : [clusterIP];
  return {
    name,
    namespace: svc.metadata.namespace ?? 'default',
    type: spec.type ?? 'ClusterIP',
    headless: clusterIP === 'None',
    clusterIPs: ips.map((ip) => canonicalIp(ip)).filter((ip): ip is string => ip !== null),
    externalName: spec.externalName ?? '',
    ports: (spec.ports ?? []).map((p) => ({ name: p.name ?? '', protocol: p.protocol ?? 'TCP', port: p.port })),
  };
}

function indexSlice(slice: EndpointSlice): IndexedEndpoints | null {
  const serviceName = slice.metadata?.labels?.[SERVICE_NAME_LABEL];
  if (!serviceName || slice.addressType === 'FQDN') return null;
  const ports: IndexedPort[] =
    slice.ports && slice.ports.length > 0
      ? slice.ports.map((p) => ({ name: p.name ?? '', protocol: p.protocol ?? '', port: p.port ?? -1 }))
      : [{ name: '', protocol: '', port: -1 }];
  const addresses: IndexedAddress[] = [];
  for (const ep of slice.endpoints ?? []) {
    // A nil ready condition means "unknown", which consumers treat as ready.
    if (ep.conditions?.ready === false) continue;
    for (const a of ep.addresses ?? []) {
      const ip = canonicalIp(a);
      if (!ip) continue;
      const ref = ep.targetRef?.name ?? '';
      addresses.push({ ip, hostname: ep.hostname ?? '', targetRefName: ref.length < 64 ? ref : '' });
    }
  }
  return { name: slice.metadata.name ?? '', namespace: slice.metadata.namespace ?? 'default', serviceName, addresses, ports };
}

export function buildIndex(objects: readonly KubeObject[], options: IndexOptions = {}): DnsIndex {
  const index: DnsIndex = {
    serial: options.serial ?? 0,
    synced: options.synced ?? true,
    namespaces: new Set(),
    services: new Map(),
    servicesByIP: new Map(),
    endpoints: new Map(),
    endpointsByIP: new Map(),
    podsByIP: new Map(),
  };
  const seenNamespaces = new Set<string>(BUILTIN_NAMESPACES);
  let namespaceObjects = false;
  for (const obj of objects) {
    if (!obj || typeof obj !== 'object' || !obj.metadata) continue;
    const ns = obj.metadata.namespace;
    if (ns) seenNamespaces.add(ns.toLowerCase());
    switch (obj.kind) {
      case 'Namespace':
        namespaceObjects = true;
        if (obj.metadata.name && !obj.metadata.deletionTimestamp) index.namespaces.add(obj.metadata.name.toLowerCase());
        break;
      case 'Service': {
        const svc = indexService(obj as Service);
        if (!svc) break;
        index.services.set(serviceKey(svc.name, svc.namespace), svc);
        for (const ip of svc.clusterIPs) push(index.servicesByIP, ip, svc);
        break;
      }
      case 'EndpointSlice': {
        const eps = indexSlice(obj as EndpointSlice);
        if (!eps) break;
        push(index.endpoints, serviceKey(eps.serviceName, eps.namespace), eps);
        for (const ip of new Set(eps.addresses.map((a) => a.ip))) push(index.endpointsByIP, ip, eps);
        break;
      }
      case 'Pod': {
        const pod = obj as Pod;
        const ips = new Set([pod.status?.podIP, ...(pod.status?.podIPs ?? []).map((p) => p.ip)]);
        for (const raw of ips) {
          const ip = raw ? canonicalIp(raw) : null;
          if (ip) push(index.podsByIP, ip, { name: pod.metadata.name ?? '', namespace: (pod.metadata.namespace ?? 'default').toLowerCase() });
        }
        break;
      }
    }
  }
  // Without Namespace objects (a file of Services only), a namespace exists when
  // something lives in it, as do the ones every cluster starts with.
  if (!namespaceObjects) index.namespaces = seenNamespaces;
  return index;
}
