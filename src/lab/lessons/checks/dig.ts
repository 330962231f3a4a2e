// Reading dig's default output: the response code and the answer section. Pure.

export interface DnsRecord {
  name: string;
  ttl: number;
  type: string;
  data: string;
}

export interface DigResult {
  /** NOERROR, NXDOMAIN, SERVFAIL, …; undefined when no server answered. */
  status?: string;
  answers: DnsRecord[];
}

export function parseDig(text: string): DigResult {
  const status = /->>HEADER<<-.*status: ([A-Z]+)/.exec(text)?.[1];
  const answers: DnsRecord[] = [];
  let inAnswer = false;
  for (const line of text.split('\n')) {
    if (line.startsWith(';; ANSWER SECTION')) {
      inAnswer = true;
      continue;
    }
    if (!inAnswer) continue;
    if (line.trim() === '' || line.startsWith(';')) {
      inAnswer = false;
      continue;
    }
    const [name, ttl, klass, type, ...rest] = line.trim().split(/\s+/);
    if (klass !== 'IN' || !type) continue;
    answers.push({ name: name!, ttl: Number(ttl), type, data: rest.join(' ') });
  }
  return { status, answers };
}

export const withoutDot = (name: string) => name.replace(/\.$/, '');
