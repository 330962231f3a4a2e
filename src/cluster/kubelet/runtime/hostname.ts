// A pod's hostname and domain, as kubelet_pods.go generatePodHostNameAndDomain:
// the pod name (or spec.hostname), cut to 63 characters, and with a subdomain
// `<subdomain>.<namespace>.svc.<cluster domain>`.
import type { Pod } from '../../api/types';

const MAX_HOSTNAME = 63;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** truncatePodHostnameIfNeeded: 63 characters, then no trailing '-' or '.'. */
export function truncateHostname(hostname: string): string {
  if (hostname.length <= MAX_HOSTNAME) return hostname;
  return hostname.slice(0, MAX_HOSTNAME).replace(/[-.]+$/, '');
}

export interface PodHostname {
  hostname: string;
  /** Empty without spec.subdomain. */
  domain: string;
}

export function podHostname(pod: Pod, clusterDomain: string): PodHostname {
  let hostname = pod.metadata.name ?? '';
  const requested = pod.spec.hostname;
  if (requested) {
    if (requested.length > MAX_HOSTNAME || !DNS1123_LABEL.test(requested)) {
      throw new Error(`pod Hostname "${requested}" is not a valid DNS label`);
    }
    hostname = requested;
  }
  hostname = truncateHostname(hostname);
  const sub = pod.spec.subdomain;
  const domain = sub ? `${sub}.${pod.metadata.namespace ?? 'default'}.svc.${clusterDomain}` : '';
  return { hostname, domain };
}
