// Reads `iptables-save -c` output: per rule its packet counter, chain, jump
// target, comment and DNAT destination, and the original line to show the
// learner exactly what iptables printed. Pure.

export interface Rule {
  /** The line as printed, counters included. */
  text: string;
  table: string;
  chain: string;
  packets: number;
  bytes: number;
  jump?: string;
  comment?: string;
  toDestination?: string;
}

/** Splits a rule into words the way iptables quotes them ("..." with \" escapes). */
export function words(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ') i++;
    if (i >= line.length) break;
    let word = '';
    if (line[i] === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < line.length) i++;
        word += line[i++];
      }
      i++;
    } else {
      while (i < line.length && line[i] !== ' ') word += line[i++];
    }
    out.push(word);
  }
  return out;
}

export function parseIptablesSave(text: string): Rule[] {
  const rules: Rule[] = [];
  let table = '';
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line.startsWith('*')) {
      table = line.slice(1);
      continue;
    }
    const m = line.match(/^(?:\[(\d+):(\d+)\]\s+)?(-A\s.*)$/);
    if (!m) continue;
    const w = words(m[3]!);
    const after = (flag: string) => {
      const i = w.indexOf(flag);
      return i >= 0 ? w[i + 1] : undefined;
    };
    rules.push({
      text: line,
      table,
      chain: w[1] ?? '',
      packets: Number(m[1] ?? 0),
      bytes: Number(m[2] ?? 0),
      jump: after('-j'),
      comment: after('--comment'),
      toDestination: after('--to-destination'),
    });
  }
  return rules;
}
