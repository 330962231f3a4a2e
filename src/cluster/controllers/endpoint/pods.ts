// Which pods back a service and how (endpointslice/util): membership by
// selector, the target port a pod offers, the hostname it publishes.
import type { Pod, Service, ServicePort } from '../../api/types';
import { selectorFromSet } from '../../api/selectors';
import { keyOf } from '../framework/objects';
import { isPodTerminal } from '../framework/pods';

/** Services with a selector that picks `pod` (GetPodServiceMemberships). */
export function servicesSelecting(services: Service[], pod: Pod): Service[] {
  return services.filter((s) => s.metadata.namespace === pod.metadata.namespace && s.spec.selector && selectorFromSet(s.spec.selector).matches(pod.metadata.labels ?? {}));
}

/** The services a pod change touches: those selecting it now and, after an update, before (both controllers' updatePod). */
export function serviceKeysForPodChange(services: Service[], pod: Pod, old?: Pod): Set<string> {
  const keys = new Set(servicesSelecting(services, pod).map(keyOf));
  if (old) for (const s of servicesSelecting(services, old)) keys.add(keyOf(s));
  return keys;
}

export function podsSelectedBy(service: Service, pods: Pod[]): Pod[] {
  const selector = selectorFromSet(service.spec.selector);
  return pods.filter((p) => p.metadata.namespace === service.metadata.namespace && selector.matches(p.metadata.labels ?? {}));
}

/** ShouldPodBeInEndpoints: an IP, not finished, and not terminating unless those are wanted. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (!pod.status?.podIP && !(pod.status?.podIPs?.length)) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** ShouldSetHostname: the pod names this service as its subdomain. */
export function shouldSetHostname(pod: Pod, service: Service): boolean {
  return Boolean(pod.spec.hostname) && pod.spec.subdomain === service.metadata.name && service.metadata.namespace === pod.metadata.namespace;
}

/** FindPort: a number as it is; a name looked up among the containers' (and sidecars') ports. */
export function findPort(pod: Pod, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  const protocol = port.protocol ?? 'TCP';
  const sidecars = (pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  for (const c of [...pod.spec.containers, ...sidecars]) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

const isIPv6 = (ip: string) => ip.includes(':');

/** The pod's address of the service's family (IPv4 in the lab). */
export function podAddress(pod: Pod, service: Service): string | undefined {
  const family = service.spec.ipFamilies?.[0] ?? (service.spec.clusterIP && service.spec.clusterIP !== 'None' ? (isIPv6(service.spec.clusterIP) ? 'IPv6' : 'IPv4') : 'IPv4');
  const ips = pod.status?.podIPs?.map((p) => p.ip) ?? (pod.status?.podIP ? [pod.status.podIP] : []);
  return ips.find((ip) => (family === 'IPv6') === isIPv6(ip));
}

export const isHeadless = (s: Service): boolean => !s.spec.clusterIP || s.spec.clusterIP === 'None';
