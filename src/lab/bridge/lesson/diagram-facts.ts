// What a section's diagram shows beyond the cluster view, read live when the
// panel asks: the cluster DNS's answers (dig from the diagram's client pod)
// and a Service's kube-proxy rules in one node. The rest of every picture is
// drawn from the cluster view the panel already has.
import type { HostName, LessonDiagram, LessonDiagramFacts, LessonDnsAnswer, LessonRule, LessonRules } from '../../../shared/api';
import { parseDig } from '../../lessons/checks/dig';
import type { Origin } from '../../lessons/checks/spec';
import { LiveView } from '../../lessons/checks/view';
import type { LabAccess } from '../../lessons/checks/access';
import { LessonError } from '../../lessons/say';
import { parseIptablesSave, type Rule } from '../traffic/iptables';
import { serviceChains } from '../traffic/service-chains';

const NAMESPACE = 'default';

function ruleView(r: Rule): LessonRule {
  const p = /--probability\s+([0-9.]+)/.exec(r.text);
  // The counters are the traffic view's business; here they only make lines differ.
  return { chain: r.chain, text: r.text.replace(/^\[\d+:\d+\]\s+/, ''), jump: r.jump, probability: p ? Number(p[1]) : undefined, toDestination: r.toDestination };
}

/** Pure: one Service's rules from a node's `iptables-save -t nat`, in the order a packet meets them. */
export function rulesOf(host: HostName, service: string, saved: string): LessonRules {
  const chains = serviceChains(parseIptablesSave(saved), NAMESPACE, service);
  return {
    host,
    service,
    entries: chains.entries.map(ruleView),
    chains: [...chains.chains.entries()].map(([name, rules]) => ({ name, rules: rules.map(ruleView) })),
  };
}

async function dnsAnswer(view: LiveView, from: Origin, service: string): Promise<LessonDnsAnswer> {
  const name = `${service}.${NAMESPACE}.svc.cluster.local`;
  const r = await view.exec(from, ['dig', '+time=1', '+tries=1', name], 3_000);
  const dig = parseDig(r.stdout);
  return { service, name, status: dig.status, records: dig.answers.map((a) => ({ name: a.name, type: a.type, data: a.data })), from: r.where };
}

async function rules(view: LiveView, host: HostName, service: string): Promise<LessonRules> {
  const saved = await view.lab.execHost(host, ['iptables-save', '-t', 'nat'], 3_000);
  if (saved.exitCode !== 0) throw new Error(`iptables-save failed in ${host}: ${saved.stderr.trim()}`);
  return rulesOf(host, service, saved.stdout);
}

const why = (err: unknown) => (err instanceof LessonError ? err.text.en : (err as Error).message);

export async function diagramFacts(section: string, diagram: LessonDiagram | undefined, lab: LabAccess): Promise<LessonDiagramFacts> {
  const facts: LessonDiagramFacts = { section, dns: [], rules: [], problems: [] };
  if (!diagram) return facts;
  const view = new LiveView(lab);
  // The diagram's client is its first pod (the lesson asks from a webui pod).
  const client = diagram.shows.find((o) => o.kind === 'Pod' && o.selector)?.selector;
  const from: Origin = client ? { namespace: NAMESPACE, pod: client } : { host: 'master' };
  await Promise.all(
    diagram.shows.map(async (o) => {
      try {
        if (o.kind === 'DnsAnswer' && o.name) facts.dns.push(await dnsAnswer(view, from, o.name));
        if (o.kind === 'Rules' && o.name && o.host) facts.rules.push(await rules(view, o.host, o.name));
      } catch (err) {
        facts.problems.push(`${o.kind} ${o.name ?? ''}: ${why(err)}`);
      }
    }),
  );
  // In the lesson's order, whatever finished first.
  const order = (service: string) => diagram.shows.findIndex((o) => o.name === service);
  facts.dns.sort((a, b) => order(a.service) - order(b.service));
  return facts;
}
