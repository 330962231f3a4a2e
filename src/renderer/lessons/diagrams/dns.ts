// The DNS pictures: an ExternalName answered as an alias of a name outside,
// and a headless Service answered with its pods' own addresses next to a
// normal Service's single virtual IP. The answers are the cluster DNS's own
// (lessonDiagram runs dig); the rest comes from the cluster view. Pure.
import type { ClusterView, LessonDiagram, LessonDiagramFacts, LessonDnsAnswer } from '../../../shared/api';
import type { Translate } from '../../i18n/i18n';
import { hostBox, podBox, podBoxes, serviceBox } from './boxes';
import type { Flow, FlowBox, FlowEdge } from './flow';
import { podsOf, service } from './lookup';

const of = (d: LessonDiagram, kind: string) => d.shows.filter((o) => o.kind === kind);

const answerOf = (facts: LessonDiagramFacts | undefined, svc: string | undefined) => facts?.dns.find((a) => a.service === svc);

function dnsBox(id: string, svc: string, a: LessonDnsAnswer | undefined, t: Translate, x?: number): FlowBox {
  const records = a?.records.map((r) => `${r.type} ${r.data}`) ?? [];
  const lines = [`${svc}?`, ...(a?.status === 'NOERROR' && records.length ? records : [a?.status ?? t('dg.noAnswer')])];
  return { id, kind: 'dns', title: t('dg.clusterDns'), lines, live: a?.status === 'NOERROR' && records.length > 0, x };
}

export function externalNameDns(d: LessonDiagram, v: ClusterView | undefined, facts: LessonDiagramFacts | undefined, t: Translate): Flow {
  const selector = of(d, 'Pod')[0]?.selector;
  const first = podsOf(v, selector)[0];
  const client = first ? podBox(first, t) : podBoxes([], selector, t)[0]!;
  const svcName = of(d, 'Service')[0]?.name ?? of(d, 'DnsAnswer')[0]?.name ?? '';
  const svc = serviceBox(svcName, service(v, svcName), t, 0.27);
  const answer = dnsBox('dns', svcName, answerOf(facts, of(d, 'DnsAnswer')[0]?.name ?? svcName), t, 0.27);
  const target = of(d, 'Host')[0]?.name ?? 'cloud';
  const outside = service(v, svcName)?.externalIP;
  const site = hostBox(v, target, outside && outside !== '<none>' ? [outside] : [], 0.75);
  return {
    rows: [[client], [svc], [answer, site]],
    edges: [
      { from: client.id, to: svc.id, label: `① ${t('dg.ask')}` },
      { from: svc.id, to: answer.id, label: 'CNAME' },
      { from: client.id, to: site.id, label: `② ${t('dg.connect')}` },
    ],
  };
}

export function headlessDns(d: LessonDiagram, v: ClusterView | undefined, facts: LessonDiagramFacts | undefined, t: Translate): Flow {
  const [headless, normal] = of(d, 'DnsAnswer').map((o) => o.name ?? '');
  const selector = of(d, 'Pod')[0]?.selector;
  const pods = podBoxes(podsOf(v, selector), selector, t);
  const left = dnsBox('dns:headless', headless ?? '', answerOf(facts, headless), t, 0.26);
  const rows: FlowBox[][] = [[left]];
  const edges: FlowEdge[] = [];
  const byIp = new Map(podsOf(v, selector).map((p) => [p.ip, `pod:${p.name}`]));
  const aRecords = (svc?: string) => (answerOf(facts, svc)?.records ?? []).filter((r) => r.type === 'A');
  for (const r of aRecords(headless)) {
    const to = byIp.get(r.data);
    if (to) edges.push({ from: left.id, to, label: 'A' });
  }
  if (!edges.length) edges.push(...pods.map((p) => ({ from: left.id, to: p.id, dashed: true })));
  if (normal) {
    const right = dnsBox('dns:normal', normal, answerOf(facts, normal), t, 0.76);
    const svc = serviceBox(normal, service(v, normal), t, 0.76);
    rows[0]!.push(right);
    rows.push([svc]);
    edges.push({ from: right.id, to: svc.id, label: 'A' }, ...pods.map((p) => ({ from: svc.id, to: p.id, dashed: true })));
  }
  rows.push(pods);
  return { rows, edges };
}
