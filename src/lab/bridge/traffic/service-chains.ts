// A Service's part of kube-proxy's nat table: its entry rules (KUBE-SERVICES,
// KUBE-NODEPORTS), the chains they lead to (KUBE-EXT-, KUBE-SVC-, KUBE-SVL-)
// and the endpoint chains (KUBE-SEP-) whose DNAT rule counts the connections
// each endpoint received. The request path is drawn from the counters: the
// rules whose counters rose last are the ones the last request took. Pure,
// but for the tally, which remembers the counters it saw.
import type { EndpointCount, RequestPath, RuleStep } from '../../../shared/api';
import type { Rule } from './iptables';

const ENTRY_CHAINS = ['KUBE-SERVICES', 'KUBE-NODEPORTS'];

/** A rule without its counters: the same rule in two dumps. */
const key = (r: Rule) => r.text.replace(/^\[\d+:\d+\]\s+/, '');

/** The comment names the Service as "ns/name", "ns/name:port" or "ns/name:port cluster IP" etc. */
export function mentionsService(comment: string | undefined, ns: string, name: string): boolean {
  if (!comment) return false;
  const svc = `${ns}/${name}`;
  const i = comment.indexOf(svc);
  if (i < 0) return false;
  const before = comment[i - 1];
  const after = comment[i + svc.length];
  return (before === undefined || before === ' ') && (after === undefined || after === ':' || after === ' ');
}

export interface ServiceChains {
  entries: Rule[];
  /** Chain name -> its rules, for every chain of the Service (EXT, SVC, SVL, SEP). */
  chains: Map<string, Rule[]>;
  /** SEP chain -> its DNAT rule. */
  seps: Map<string, Rule>;
}

export function serviceChains(rules: Rule[], ns: string, name: string): ServiceChains {
  const nat = rules.filter((r) => r.table === 'nat' || r.table === '');
  const byChain = new Map<string, Rule[]>();
  for (const r of nat) byChain.set(r.chain, [...(byChain.get(r.chain) ?? []), r]);
  const entries = nat.filter((r) => ENTRY_CHAINS.includes(r.chain) && mentionsService(r.comment, ns, name) && r.jump?.startsWith('KUBE-'));
  const chains = new Map<string, Rule[]>();
  const queue = entries.map((r) => r.jump!);
  while (queue.length) {
    const chain = queue.shift()!;
    if (chains.has(chain) || !/^KUBE-(EXT|SVC|SVL|SEP|FW)-/.test(chain)) continue;
    const own = byChain.get(chain) ?? [];
    chains.set(chain, own);
    for (const r of own) if (r.jump) queue.push(r.jump);
  }
  const seps = new Map<string, Rule>();
  for (const [chain, own] of chains) {
    if (!chain.startsWith('KUBE-SEP-')) continue;
    const dnat = own.find((r) => r.jump === 'DNAT' && r.toDestination);
    if (dnat) seps.set(chain, dnat);
  }
  return { entries, chains, seps };
}

const sortCounts = (counts: EndpointCount[]) => counts.sort((a, b) => a.endpoint.localeCompare(b.endpoint, 'en', { numeric: true }));

/**
 * How far a counter rose from `before` to `now`. The lab's kube-proxy rewrites
 * every chain with zeroed counters whenever it syncs (every 30 s, and when any
 * Service or endpoint changes anywhere), so a counter below its earlier value
 * was reset and everything it holds is new; a rule that was not there before
 * started at zero. (What was counted between the last look and a reset is
 * lost: the sooner the next look, the less.)
 */
export function rise(before: number | undefined, now: number): number {
  return before === undefined || now < before ? now : now - before;
}

/**
 * The connections each endpoint received, kept across kube-proxy's syncs: the
 * counters themselves drop to zero at every sync, these totals do not. The
 * first time a DNAT rule is seen its whole counter counts.
 */
export class EndpointTally {
  /** node + rule (without its counters) -> the counter at the last sample. */
  private readonly last = new Map<string, number>();
  /** endpoint -> node -> connections. */
  private readonly totals = new Map<string, Record<string, number>>();

  constructor(
    private readonly ns: string,
    private readonly name: string,
  ) {}

  /** Adds one sample of some nodes; returns the endpoints the rules have now, with their totals. */
  add(perNode: Record<string, Rule[]>, podOf: (endpoint: string) => string | undefined): EndpointCount[] {
    const present = new Set<string>();
    for (const [node, rules] of Object.entries(perNode)) {
      for (const dnat of serviceChains(rules, this.ns, this.name).seps.values()) {
        const endpoint = dnat.toDestination!;
        const k = `${node}\n${key(dnat)}`;
        const byNode = this.totals.get(endpoint) ?? {};
        byNode[node] = (byNode[node] ?? 0) + rise(this.last.get(k), dnat.packets);
        this.totals.set(endpoint, byNode);
        this.last.set(k, dnat.packets);
        present.add(endpoint);
      }
    }
    return sortCounts(
      [...present].map((endpoint) => {
        const byNode = { ...this.totals.get(endpoint)! };
        return { endpoint, pod: podOf(endpoint), packets: Object.values(byNode).reduce((a, n) => a + n, 0), byNode };
      }),
    );
  }
}


/** How much each rule's counter rose between two dumps of one node (nothing on a node seen for the first time). */
function deltas(before: Rule[] | undefined, now: Rule[]): Map<Rule, number> {
  if (!before) return new Map(now.map((r) => [r, 0]));
  const old = new Map(before.map((r) => [key(r), r.packets]));
  return new Map(now.map((r) => [r, rise(old.get(key(r)), r.packets)]));
}

/**
 * The path of the most recent request: on the node where a SEP's DNAT counter
 * rose the most since the previous dump, walk from the entry rule whose
 * counter rose (else the cluster-IP rule) through each chain to that SEP.
 */
export function lastRequestPath(
  before: Record<string, Rule[]>,
  now: Record<string, Rule[]>,
  ns: string,
  name: string,
  podOf: (endpoint: string) => string | undefined,
): RequestPath | undefined {
  let best: { node: string; sep: string; rise: number; d: Map<Rule, number>; sc: ServiceChains } | undefined;
  for (const [node, rules] of Object.entries(now)) {
    const sc = serviceChains(rules, ns, name);
    const d = deltas(before[node], rules);
    for (const [sep, dnat] of sc.seps) {
      const rise = d.get(dnat) ?? 0;
      if (rise > 0 && (!best || rise > best.rise)) best = { node, sep, rise, d, sc };
    }
  }
  if (!best) return undefined;
  const { node, sep, d, sc } = best;
  const steps: RuleStep[] = [];
  // Which chains lead to the SEP: walk backwards from it to an entry rule.
  const reaches = (chain: string, seen = new Set<string>()): boolean => {
    if (chain === sep) return true;
    if (seen.has(chain)) return false;
    seen.add(chain);
    return (sc.chains.get(chain) ?? []).some((r) => r.jump !== undefined && reaches(r.jump, seen));
  };
  const pick = (rules: Rule[]) => {
    const leading = rules.filter((r) => r.jump && reaches(r.jump));
    if (!leading.length) return -1;
    const risen = [...leading].sort((a, b) => (d.get(b) ?? 0) - (d.get(a) ?? 0))[0]!;
    const chosen = (d.get(risen) ?? 0) > 0 ? risen : (leading.find((r) => /cluster IP/.test(r.comment ?? '')) ?? leading[0]!);
    return rules.indexOf(chosen);
  };
  const entryChain = (() => {
    const i = pick(sc.entries);
    return i >= 0 ? sc.entries[i]!.chain : 'KUBE-SERVICES';
  })();
  const entryRules = sc.entries.filter((r) => r.chain === entryChain);
  let taken = pick(entryRules);
  if (taken < 0) return undefined;
  steps.push({ chain: entryChain, rules: entryRules.map((r) => r.text), taken });
  let next = entryRules[taken]!.jump!;
  for (let hops = 0; hops < 8; hops++) {
    const rules = sc.chains.get(next) ?? [];
    if (next === sep) {
      const dnat = rules.findIndex((r) => r.jump === 'DNAT');
      steps.push({ chain: next, rules: rules.map((r) => r.text), taken: dnat });
      break;
    }
    taken = pick(rules);
    if (taken < 0) break;
    steps.push({ chain: next, rules: rules.map((r) => r.text), taken });
    next = rules[taken]!.jump!;
  }
  const endpoint = sc.seps.get(sep)!.toDestination!;
  return { node, endpoint, pod: podOf(endpoint), steps };
}
