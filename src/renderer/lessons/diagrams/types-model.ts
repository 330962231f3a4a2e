// The four types as nested boxes: ClusterIP inside NodePort inside
// LoadBalancer, ExternalName beside them; each box filled from a Service of
// that type the lesson names, when it exists. Pure.
import type { ClusterView, LessonDiagram, ServiceView } from '../../../shared/api';
import type { Translate } from '../../i18n/i18n';
import { host, node, portsText, service } from './lookup';

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export interface TypeBox {
  type: ServiceType;
  /** The Service drawn in it (live), or the one the lesson will create. */
  name?: string;
  live: boolean;
  lines: string[];
}

export const TYPES: readonly ServiceType[] = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

function pick(d: LessonDiagram, v: ClusterView | undefined, type: ServiceType): { name?: string; svc?: ServiceView } {
  const names = d.shows.filter((o) => o.kind === 'Service' && o.name).map((o) => o.name!);
  for (const name of names) {
    const svc = service(v, name);
    if (svc?.type === type && (type !== 'ClusterIP' || svc.clusterIP !== 'None')) return { name, svc };
  }
  return { name: names.find((n) => n.toLowerCase().startsWith(type.toLowerCase())) };
}

export function serviceTypes(d: LessonDiagram, v: ClusterView | undefined, t: Translate): TypeBox[] {
  return TYPES.map((type) => {
    const { name, svc } = pick(d, v, type);
    if (!svc) return { type, name, live: false, lines: [t('dg.notYet')] };
    const lines: string[] = [];
    if (type === 'ExternalName') lines.push(`→ ${svc.externalIP}`);
    else lines.push(`CLUSTER-IP ${svc.clusterIP}`, portsText(svc));
    if (type === 'NodePort') {
      const port = svc.ports.find((p) => p.nodePort)?.nodePort;
      for (const o of d.shows.filter((x) => x.kind === 'Node')) lines.push(`${o.name} ${node(v, o.name)?.ip ?? '?'}:${port ?? '—'}`);
    }
    if (type === 'LoadBalancer') {
      lines.push(`EXTERNAL-IP ${svc.externalIP}`);
      const cloud = d.shows.find((x) => x.kind === 'Host');
      if (cloud?.name) lines.push(`${cloud.name} ${host(v, cloud.name)?.ip ?? '?'}`);
    }
    return { type, name, live: true, lines };
  });
}
