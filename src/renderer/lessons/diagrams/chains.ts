// kube-proxy's rules for one Service in one node, drawn as the way a packet
// goes through them: KUBE-SERVICES / KUBE-NODEPORTS → KUBE-EXT → KUBE-SVC
// (a random pick, odds on the arrows) → KUBE-SEP (DNAT) → the pod. The rules
// are the node's own (lessonDiagram runs iptables-save). Pure.
import type { ClusterView, LessonDiagram, LessonDiagramFacts, LessonRule } from '../../../shared/api';
import type { Translate } from '../../i18n/i18n';
import { podBox } from './boxes';
import type { Flow, FlowBox, FlowEdge } from './flow';

/** What an entry rule matches, short: "-d 10.96.3.4/32 :80" or ":30200". */
export function matchOf(r: LessonRule): string {
  const dest = /(?:^|\s)-d (\S+)/.exec(r.text)?.[1];
  const port = /--dport (\d+)/.exec(r.text)?.[1];
  return [dest, port ? `:${port}` : undefined].filter(Boolean).join(' ');
}

/** Odds as iptables prints them, shortened: 0.333, 0.5; the last rule takes the rest. */
export const odds = (p: number | undefined, t: Translate) => (p === undefined ? t('dg.rest') : `p=${Number(p.toFixed(3))}`);

const stand = (id: string, title: string, t: Translate, x?: number): FlowBox => ({ id, kind: 'chain', title, lines: [t('dg.notYet')], live: false, x });

export function kubeProxyChains(d: LessonDiagram, v: ClusterView | undefined, facts: LessonDiagramFacts | undefined, t: Translate): Flow {
  const want = d.shows.find((o) => o.kind === 'Rules');
  const rules = facts?.rules.find((r) => r.service === want?.name && r.host === want?.host);
  if (!rules || rules.entries.length === 0) {
    const a = stand('KUBE-SERVICES', 'KUBE-SERVICES', t, 0.27);
    const b = stand('KUBE-NODEPORTS', 'KUBE-NODEPORTS', t, 0.75);
    const svc = stand('svc', 'KUBE-SVC-…', t);
    const sep = stand('sep', 'KUBE-SEP-…', t);
    return { rows: [[a, b], [svc], [sep]], edges: [{ from: a.id, to: svc.id }, { from: b.id, to: svc.id }, { from: svc.id, to: sep.id }] };
  }
  const chain = (name: string) => rules.chains.find((c) => c.name === name);
  const entries: FlowBox[] = rules.entries.map((r, i) => ({
    id: `entry:${i}`,
    kind: 'chain',
    title: r.chain,
    lines: [matchOf(r), `→ ${r.jump ?? ''}`],
    live: true,
    x: r.chain === 'KUBE-NODEPORTS' ? 0.75 : 0.27,
  }));
  const ext = rules.chains.filter((c) => c.name.startsWith('KUBE-EXT-'));
  const svcChains = rules.chains.filter((c) => c.name.startsWith('KUBE-SVC-'));
  const seps = rules.chains.filter((c) => c.name.startsWith('KUBE-SEP-'));
  const edges: FlowEdge[] = [];
  const extBoxes: FlowBox[] = ext.map((c) => ({ id: c.name, kind: 'chain', title: c.name, lines: [`→ ${c.rules.map((r) => r.jump).filter((j) => j?.startsWith('KUBE-SVC-'))[0] ?? ''}`], live: true, x: 0.75 }));
  const svcBoxes: FlowBox[] = svcChains.map((c) => ({
    id: c.name,
    kind: 'chain',
    title: c.name,
    lines: c.rules.filter((r) => r.jump?.startsWith('KUBE-SEP-')).map((r) => `${odds(r.probability, t)} → ${r.jump}`),
    live: true,
  }));
  const podOf = (dest: string | undefined) => v?.pods.find((p) => p.ip && dest?.startsWith(`${p.ip}:`));
  const sepBoxes: FlowBox[] = seps.map((c) => {
    const dnat = c.rules.find((r) => r.toDestination);
    return { id: c.name, kind: 'chain', title: c.name, lines: [`DNAT → ${dnat?.toDestination ?? '?'}`], live: true };
  });
  const pods: FlowBox[] = [];
  for (const c of seps) {
    const p = podOf(c.rules.find((r) => r.toDestination)?.toDestination);
    if (p) {
      pods.push(podBox(p, t));
      edges.push({ from: c.name, to: `pod:${p.name}` });
    }
  }
  for (const [i, r] of rules.entries.entries()) if (r.jump && chain(r.jump)) edges.push({ from: `entry:${i}`, to: r.jump });
  for (const c of [...ext, ...svcChains]) {
    for (const r of c.rules) if (r.jump && chain(r.jump)) edges.push({ from: c.name, to: r.jump, label: c.name.startsWith('KUBE-SVC-') ? odds(r.probability, t) : undefined });
  }
  return { rows: [entries, extBoxes, svcBoxes, sepBoxes, pods], edges };
}
