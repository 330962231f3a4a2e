// A port of upstream's iptablesTracer (pkg/proxy/iptables/proxier_test.go):
// follows a packet through the generated rules so upstream's packet-flow test
// cases can be run against our payload unchanged. Like upstream's, it follows
// every --probability branch (collecting each endpoint), treats rules that
// check history (affinity, mark, conntrack state) as non-matching, and runs
// nat KUBE-SERVICES, then the interesting filter chains on the DNATed packet.
import { parseIPv4Cidr } from '../ipv4';
import { parseIPTablesDump, type DumpTable } from './iptables-dump';

interface ParsedRule {
  raw: string;
  params: Map<string, { value: string | true; negated: boolean }>;
}

const VALUED = new Set(['-A', '--comment', '-p', '-s', '--src-type', '--sport', '-d', '--dst-type', '--dport', '-j', '--probability', '--to-destination', '--mark', '--ctstate', '--name', '--seconds', '--mode', '--xor-mark', '--or-mark']);

function parseRule(raw: string): ParsedRule {
  const words = [...raw.matchAll(/(?:^|\s)("[^"]*"|[^"]\S*)/g)].map((w) => w[1]!.replace(/^"+|"+$/g, ''));
  const params = new Map<string, { value: string | true; negated: boolean }>();
  let negated = false;
  for (let i = 0; i < words.length; ) {
    const w = words[i]!;
    if (w === '-m' && i < words.length - 1) { i += 2; continue; }
    if (w === '!') { negated = true; i++; continue; }
    if (VALUED.has(w)) { params.set(w, { value: words[i + 1]!, negated }); i += 2; }
    else { params.set(w, { value: true, negated }); i++; }
    negated = false;
  }
  return { raw, params };
}

export interface Trace {
  output: string;
  masq: boolean;
  matches: string[];
}

export function tracePacket(payload: string, localIPs: readonly string[], sourceIP: string, protocol: string, destIP: string, destPort: number): Trace {
  const tables = new Map<string, Map<string, ParsedRule[]>>();
  for (const t of parseIPTablesDump(payload) as DumpTable[]) {
    tables.set(t.name, new Map(t.chains.map((c) => [c.name, c.rules.map((r) => parseRule(r.raw))])));
  }
  const local = new Set(localIPs);
  const state = { outputs: [] as string[], masq: false, matches: [] as string[] };

  const addressMatches = (spec: { value: string | true; negated: boolean }, ip: string): boolean => {
    const value = String(spec.value);
    const hit = value.includes('/') ? parseIPv4Cidr(value)?.contains(ip) ?? false : value === ip;
    return hit !== spec.negated;
  };
  const matches = (r: ParsedRule, src: string, dst: string): boolean => {
    const p = r.params;
    const check = (name: string, actual: string): boolean => {
      const spec = p.get(name);
      return !spec || (String(spec.value) === actual) !== spec.negated;
    };
    if (p.has('-s') && !addressMatches(p.get('-s')!, src)) return false;
    if (!check('--src-type', local.has(src) ? 'LOCAL' : 'not-matched')) return false;
    if (!check('-p', protocol)) return false;
    if (p.has('-d') && !addressMatches(p.get('-d')!, dst)) return false;
    if (!check('--dst-type', local.has(dst) ? 'LOCAL' : 'not-matched')) return false;
    if (!check('--dport', String(destPort))) return false;
    // Rules that look at history never match a first packet here.
    if (p.has('--rcheck') || p.has('--mark') || p.has('--ctstate')) return false;
    return true;
  };
  const runChain = (table: string, chain: string, src: string, dst: string): boolean => {
    const rules = tables.get(table)?.get(chain);
    if (!rules) return false;
    for (const r of rules) {
      const jump = r.params.get('-j');
      if (!jump || !matches(r, src, dst)) continue;
      state.matches.push(r.raw);
      const target = String(jump.value);
      if (target === 'KUBE-MARK-MASQ') { state.masq = true; continue; }
      if (target === 'ACCEPT' || target === 'REJECT' || target === 'DROP') { state.outputs.push(target); return true; }
      if (target === 'DNAT') { state.outputs.push(String(r.params.get('--to-destination')!.value)); return true; }
      const terminated = runChain(table, target, src, dst);
      // A probabilistic jump may not be taken: keep collecting the alternatives.
      if (terminated && !r.params.has('--probability')) return true;
    }
    return false;
  };

  runChain('nat', 'KUBE-SERVICES', sourceIP, destIP);
  const dnatDest = state.outputs.length ? state.outputs[0]!.split(':')[0]! : destIP;
  for (const chain of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL']) runChain('filter', chain, sourceIP, dnatDest);
  return { output: state.outputs.join(', '), masq: state.masq, matches: state.matches };
}

export interface PacketFlowTest {
  name: string;
  sourceIP: string;
  protocol?: string;
  destIP: string;
  destPort: number;
  output: string;
  masq?: boolean;
}

/** What each of upstream's runPacketFlowTests cases observed: output, and masq when it reached endpoints. */
export function runFlow(payload: string, localIPs: readonly string[], tc: PacketFlowTest): { output: string; masq?: boolean } {
  const t = tracePacket(payload, localIPs, tc.sourceIP, (tc.protocol ?? 'TCP').toLowerCase(), tc.destIP, tc.destPort);
  return tc.output.includes(':') ? { output: t.output, masq: t.masq } : { output: t.output };
}
