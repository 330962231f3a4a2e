// Test helpers ported from upstream: ParseIPTablesDump and String()
// (pkg/util/iptables/testing/parse.go) and sortIPTablesRules
// (pkg/proxy/iptables/proxier_test.go). Upstream's golden strings are written
// in this sorted form, so comparing sortIPTablesRules(ours) with them is
// exactly upstream's assertIPTablesRulesEqual.

export interface DumpRule {
  raw: string;
  /** --comment value with its quotes removed, as upstream's ParseRule reads it. */
  comment: string | null;
}

export interface DumpChain {
  name: string;
  packets: number;
  bytes: number;
  rules: DumpRule[];
  deleted: boolean;
}

export interface DumpTable {
  name: string;
  chains: DumpChain[];
}

export function parseIPTablesDump(data: string): DumpTable[] {
  const tables: DumpTable[] = [];
  let state: 'table' | 'chains' | 'rules' = 'table';
  let table: DumpTable | undefined;
  for (const rawLine of data.replace(/^\n+|\n+$/g, '').split('\n')) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (state === 'table') {
      if (!line.startsWith('*')) throw new Error(`table ${tables.length + 1} starts with ${JSON.stringify(line)} not a table name`);
      table = { name: line.slice(1), chains: [] };
      tables.push(table);
      state = 'chains';
      continue;
    }
    const t = table!;
    if (state === 'chains') {
      const m = /^:([^ ]*) - \[([0-9]*):([0-9]*)\]$/.exec(line);
      if (m) {
        t.chains.push({ name: m[1]!, packets: Number(m[2]), bytes: Number(m[3]), rules: [], deleted: false });
        continue;
      }
      state = 'rules';
    }
    let m: RegExpExecArray | null;
    if ((m = /^-A ([^ ]*) (.*)$/.exec(line))) {
      const chain = getChain(t, m[1]!);
      if (chain.deleted) throw new Error(`cannot add rules to deleted chain ${chain.name}`);
      chain.rules.push({ raw: line, comment: commentOf(line) });
    } else if ((m = /^-X (.*)$/.exec(line))) {
      const chain = getChain(t, m[1]!);
      if (chain.rules.length !== 0) throw new Error(`cannot delete chain ${chain.name} after adding rules`);
      chain.deleted = true;
    } else if (line === 'COMMIT') {
      state = 'table';
    } else {
      throw new Error(`error parsing rule ${JSON.stringify(line)}`);
    }
  }
  if (state !== 'table') throw new Error('could not parse iptables data (no COMMIT line?)');
  return tables;
}

function getChain(t: DumpTable, name: string): DumpChain {
  const c = t.chains.find((x) => x.name === name);
  if (!c) throw new Error(`no such chain ${JSON.stringify(name)}`);
  return c;
}

function commentOf(rule: string): string | null {
  // upstream's wordRegex: a quoted string or an unquoted word.
  const words = [...rule.matchAll(/(?:^|\s)("[^"]*"|[^"]\S*)/g)].map((w) => w[1]!.replace(/^"+|"+$/g, ''));
  const i = words.indexOf('--comment');
  return i >= 0 && i + 1 < words.length ? words[i + 1]! : null;
}

export function dumpToString(tables: readonly DumpTable[]): string {
  let out = '';
  for (const t of tables) {
    out += `*${t.name}\n`;
    for (const c of t.chains) out += `:${c.name} - [${c.packets}:${c.bytes}]\n`;
    for (const c of t.chains) for (const r of c.rules) out += `${r.raw}\n`;
    for (const c of t.chains) if (c.deleted) out += `-X ${c.name}\n`;
    out += 'COMMIT\n';
  }
  return out;
}

/** orderByCommentServiceName: the service name is the comment up to the first space or colon. */
function serviceNameLess(a: DumpRule, b: DumpRule): boolean {
  if (a.comment === null || b.comment === null) return false;
  return a.comment.split(/[ :]/)[0]! < b.comment.split(/[ :]/)[0]!;
}

function chainLess(a: string, b: string): boolean {
  if (a === 'KUBE-NODEPORTS') return true;
  if (b === 'KUBE-NODEPORTS') return false;
  if (a === 'KUBE-SERVICES') return true;
  if (b === 'KUBE-SERVICES') return false;
  const ka = a.startsWith('KUBE-');
  const kb = b.startsWith('KUBE-');
  if (ka !== kb) return ka;
  return a < b;
}

// Go's sort.SliceStable (insertion sort on such small inputs) with a less function.
function stableSort<T>(items: T[], less: (a: T, b: T) => boolean): void {
  for (let i = 1; i < items.length; i++) {
    for (let j = i; j > 0 && less(items[j]!, items[j - 1]!); j--) [items[j], items[j - 1]] = [items[j - 1]!, items[j]!];
  }
}

/** upstream's sortIPTablesRules: independent of service order, keeping related rules in order. */
export function sortIPTablesRules(data: string): string {
  const tables = parseIPTablesDump(data);
  stableSort(tables, (a, b) => a.name < b.name);
  for (const t of tables) stableSort(t.chains, (a, b) => chainLess(a.name, b.name));
  for (const t of tables) {
    for (const c of t.chains) {
      if (c.name === 'KUBE-NODEPORTS' && (t.name === 'filter' || t.name === 'nat')) stableSort(c.rules, serviceNameLess);
      if (c.name === 'KUBE-SERVICES' && t.name === 'filter') stableSort(c.rules, serviceNameLess);
      if (c.name === 'KUBE-SERVICES' && t.name === 'nat') {
        const last = (r: DumpRule): boolean => r.comment !== null && r.comment.includes('must be the last rule');
        stableSort(c.rules, (a, b) => (last(a) ? false : last(b) ? true : serviceNameLess(a, b)));
      }
    }
  }
  return dumpToString(tables);
}

/** The text of a Go test's dedent.Dedent(`...`) golden string, with upstream's TrimLeft. */
export function dedent(text: string): string {
  const lines = text.split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => (l.trim() === '' ? '' : l.slice(cut))).join('\n').replace(/^[ \t\n]+/, '');
}
