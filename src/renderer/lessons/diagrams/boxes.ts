// The boxes diagrams are made of, filled from live objects, or dashed
// stand-ins saying the object is not there yet. Pure.
import type { ClusterView, PodView, ServiceView } from '../../../shared/api';
import type { Translate } from '../../i18n/i18n';
import type { FlowBox } from './flow';
import { host, node, portsText } from './lookup';

/** More pods than this would not be readable side by side. */
const MAX_PODS = 5;

export function serviceBox(name: string, svc: ServiceView | undefined, t: Translate, x?: number): FlowBox {
  if (!svc) return { id: `svc:${name}`, kind: 'service', title: name, lines: [t('dg.notYet')], live: false, x };
  const lines = [svc.type === 'ExternalName' ? `ExternalName → ${svc.externalIP}` : `${svc.type} ${svc.clusterIP}`, portsText(svc)];
  if (svc.type === 'LoadBalancer') lines.push(`EXTERNAL-IP ${svc.externalIP}`);
  return { id: `svc:${name}`, kind: 'service', title: name, lines, live: true, x };
}

export const podBox = (p: PodView, t: Translate): FlowBox => ({
  id: `pod:${p.name}`,
  kind: 'pod',
  title: p.name,
  lines: [p.ip ?? '—', p.node ? t('dg.onNode', { node: p.node }) : p.status],
  live: true,
});

export function podBoxes(pods: PodView[], selector: string | undefined, t: Translate): FlowBox[] {
  if (pods.length === 0) return [{ id: 'pods', kind: 'pod', title: `Pod ${selector ?? ''}`.trim(), lines: [t('dg.notYet'), ''], live: false }];
  return pods.slice(0, MAX_PODS).map((p) => podBox(p, t));
}

export function nodeBox(v: ClusterView | undefined, name: string, port: number | undefined, x?: number): FlowBox {
  const n = node(v, name);
  const ip = n?.ip ?? host(v, name)?.ip ?? '?';
  return { id: `node:${name}`, kind: 'node', title: name, lines: [`${ip}:${port ?? '—'}`], live: Boolean(n), x };
}

export function hostBox(v: ClusterView | undefined, name: string, lines: string[], x?: number): FlowBox {
  const h = host(v, name);
  return { id: `host:${name}`, kind: 'host', title: name, lines: [h?.ip ?? '?', ...lines], live: h?.state === 'running', x };
}

/** "1/3" on each arrow to a pod: the share kube-proxy's rules give it. */
export const share = (n: number) => (n > 0 ? `1/${n}` : undefined);
