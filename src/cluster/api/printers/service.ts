// printService: TYPE, CLUSTER-IP, EXTERNAL-IP (<none>, <pending>, load
// balancer ingress, externalIPs, externalName) and PORT(S) like 80:30200/TCP.

import { formatLabels } from '../selectors/label-set';
import type { Service, ServiceStatus } from '../types';
import { ageColumn, column, nameColumn, type Printer } from './columns';
import { serviceSpecDoc } from './descriptions';
import { translateTimestampSince } from './time';
import { compareGoStrings } from '../selectors/go-format';

const loadBalancerWidth = 16;

/** loadBalancerStatusStringer: unique, sorted; clipped to 16 bytes unless wide. */
export function loadBalancerStatusString(status: ServiceStatus | undefined, wide: boolean): string {
  const result = new Set<string>();
  for (const ingress of status?.loadBalancer?.ingress ?? []) {
    if (ingress.ip) result.add(ingress.ip);
    else if (ingress.hostname) result.add(ingress.hostname);
  }
  let r = [...result].sort(compareGoStrings).join(',');
  if (!wide && r.length > loadBalancerWidth) r = `${r.slice(0, loadBalancerWidth - 3)}...`;
  return r;
}

function externalIP(svc: Service, type: string, wide: boolean): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lbIps = loadBalancerStatusString(svc.status, wide);
      if (externalIPs.length > 0) return [...(lbIps ? lbIps.split(',') : []), ...externalIPs].join(',');
      return lbIps || '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** makePortString; the protocol defaults to TCP, as the API server's defaulting sets it. */
export function portString(ports: Service['spec']['ports']): string {
  return (ports ?? [])
    .map((p) => {
      const protocol = p.protocol ?? 'TCP';
      return p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${protocol}` : `${p.port}/${protocol}`;
    })
    .join(',');
}

export const servicePrinter: Printer<Service> = {
  columns: [
    nameColumn(),
    column('Type', 'string', serviceSpecDoc.type),
    column('Cluster-IP', 'string', serviceSpecDoc.clusterIP),
    column('External-IP', 'string', serviceSpecDoc.externalIPs),
    column('Port(s)', 'string', serviceSpecDoc.ports),
    ageColumn(),
    column('Selector', 'string', serviceSpecDoc.selector, 1),
  ],

  print(svc, { wide, now }) {
    const spec = svc.spec ?? {};
    // Defaulting gives every stored Service a type, and clusterIPs from clusterIP.
    const type = spec.type ?? 'ClusterIP';
    const internalIP = spec.clusterIPs?.[0] ?? (spec.clusterIP || '<none>');
    const ports = portString(spec.ports) || '<none>';
    const cells: unknown[] = [
      svc.metadata?.name ?? '',
      type,
      internalIP,
      externalIP(svc, type, wide),
      ports,
      translateTimestampSince(svc.metadata?.creationTimestamp, now),
    ];
    if (wide) cells.push(formatLabels(spec.selector));
    return { cells };
  },
};
