// The ways into a Service, drawn as flows: the ClusterIP fan-out, the
// NodePort path from station, and the LoadBalancer path through the cloud.
// Pure: the lesson's `shows` say which objects; the cluster view fills them in.
import type { ClusterView, LessonDiagram } from '../../../shared/api';
import type { Translate } from '../../i18n/i18n';
import { hostBox, nodeBox, podBoxes, serviceBox, share } from './boxes';
import type { Flow, FlowBox, FlowEdge } from './flow';
import { nodePortOf, podsBehind, service } from './lookup';

const of = (d: LessonDiagram, kind: string) => d.shows.filter((o) => o.kind === kind);

function toPods(from: string, pods: FlowBox[], label = true): FlowEdge[] {
  const live = pods.filter((p) => p.live).length;
  return pods.map((p) => ({ from, to: p.id, label: label ? share(live) : undefined }));
}

export function fanout(d: LessonDiagram, v: ClusterView | undefined, t: Translate): Flow {
  const svcName = of(d, 'Service')[0]?.name ?? '';
  const svc = service(v, svcName);
  const selector = of(d, 'Pod')[0]?.selector;
  const pods = podBoxes(podsBehind(v, svc, selector), selector, t);
  const top = serviceBox(svcName, svc, t);
  const slice = of(d, 'EndpointSlice')[0];
  if (!slice) return { rows: [[top], pods], edges: toPods(top.id, pods) };
  const ready = svc?.endpoints.filter((e) => e.ready) ?? [];
  const sliceBox: FlowBox = {
    id: 'slice',
    kind: 'slice',
    title: `EndpointSlice ${slice.name ?? ''}`.trim(),
    lines: ready.length ? ready.map((e) => `${e.ip}:${e.ports[0] ?? ''}`) : [t('dg.noEndpoints')],
    live: ready.length > 0,
  };
  const selectorText = svc ? Object.entries(svc.selector).map(([k, val]) => `${k}=${val}`).join(',') : selector;
  return { rows: [[top], [sliceBox], pods], edges: [{ from: top.id, to: sliceBox.id, label: selectorText }, ...toPods(sliceBox.id, pods)] };
}

export function nodePortPath(d: LessonDiagram, v: ClusterView | undefined, t: Translate): Flow {
  const client = of(d, 'Host')[0]?.name ?? 'station';
  const svcName = of(d, 'Service')[0]?.name ?? '';
  const svc = service(v, svcName);
  const port = nodePortOf(svc);
  const selector = of(d, 'Pod')[0]?.selector;
  const station = hostBox(v, client, [t('dg.outside')]);
  const nodes = of(d, 'Node').map((n) => nodeBox(v, n.name ?? '', port));
  const middle = serviceBox(svcName, svc, t);
  const pods = podBoxes(podsBehind(v, svc, selector), selector, t);
  return {
    rows: [[station], nodes, [middle], pods],
    edges: [...nodes.map((n) => ({ from: station.id, to: n.id, label: `:${port ?? '—'}` })), ...nodes.map((n) => ({ from: n.id, to: middle.id })), ...toPods(middle.id, pods)],
  };
}

export function loadBalancerPath(d: LessonDiagram, v: ClusterView | undefined, t: Translate): Flow {
  const hosts = of(d, 'Host').map((h) => h.name ?? '');
  const client = hosts.find((h) => h !== 'cloud') ?? 'station';
  const svcName = of(d, 'Service')[0]?.name ?? '';
  const svc = service(v, svcName);
  const lb = svc && svc.externalIP !== '<pending>' && svc.externalIP !== '<none>' ? svc.externalIP : undefined;
  const port = svc?.ports[0]?.port;
  const nodePort = nodePortOf(svc);
  const selector = of(d, 'Pod')[0]?.selector;
  const station = hostBox(v, client, [t('dg.outside')]);
  const cloud: FlowBox = { ...hostBox(v, 'cloud', [`${t('dg.lb')} ${lb ? `${lb}:${port}` : svc ? '<pending>' : t('dg.notYet')}`]), live: Boolean(lb) };
  const nodes = of(d, 'Node').map((n) => nodeBox(v, n.name ?? '', nodePort));
  const middle = serviceBox(svcName, svc, t);
  const pods = podBoxes(podsBehind(v, svc, selector), selector, t);
  return {
    rows: [[station], [cloud], nodes, [middle], pods],
    edges: [
      { from: station.id, to: cloud.id, label: lb ? `${lb}:${port}` : undefined },
      ...nodes.map((n) => ({ from: cloud.id, to: n.id, label: `:${nodePort ?? '—'}` })),
      ...nodes.map((n) => ({ from: n.id, to: middle.id })),
      ...toPods(middle.id, pods),
    ],
  };
}
