// A small cache for forwarded answers, after CoreDNS's `cache 30`: positive
// and negative answers are kept for their smallest TTL, at least 5 and at most
// 30 seconds, and every record of a cached answer shows the time left.
import { lowerName } from './names';
import { Rcode, RRType, type Message, type Question, type ResourceRecord } from './types';

export interface CacheOptions {
  capacity?: number;
  /** Upper bound of a kept answer's life, seconds (`cache 30`). */
  maxTtl?: number;
  /** Lower bound, seconds (CoreDNS's MinimalDefaultTTL). */
  minTtl?: number;
  /** Milliseconds; injectable for tests. */
  now?: () => number;
}

interface Entry {
  msg: Message;
  storedAt: number;
  ttl: number;
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly capacity: number;
  private readonly maxTtl: number;
  private readonly minTtl: number;
  private readonly now: () => number;

  constructor(options: CacheOptions = {}) {
    this.capacity = options.capacity ?? 10000;
    this.maxTtl = options.maxTtl ?? 30;
    this.minTtl = options.minTtl ?? 5;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  private key(q: Question, dnssecOk: boolean, cd: boolean): string {
    return `${lowerName(q.name)}|${q.type}|${q.class}|${dnssecOk ? 1 : 0}${cd ? 1 : 0}`;
  }

  /**
   * Keeps `reply` (an upstream answer to `req`) when it is cacheable and returns
   * it with its records' TTLs set to the time it will be kept, as CoreDNS does.
   */
  put(req: Message, reply: Message): Message {
    const q = req.questions[0];
    if (!q || reply.tc || (reply.rcode !== Rcode.NOERROR && reply.rcode !== Rcode.NXDOMAIN)) return reply;
    const ttl = this.lifetime(reply);
    const msg = withTtl(reply, ttl);
    const key = this.key(q, req.edns?.dnssecOk ?? false, req.cd);
    this.entries.delete(key);
    this.entries.set(key, { msg, storedAt: this.now(), ttl });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return msg;
  }

  /** A cached answer for `req` with the time left as TTL, or null. The caller sets ID and question. */
  get(req: Message): Message | null {
    const q = req.questions[0];
    if (!q) return null;
    const key = this.key(q, req.edns?.dnssecOk ?? false, req.cd);
    const entry = this.entries.get(key);
    if (!entry) return null;
    const left = entry.ttl - Math.floor((this.now() - entry.storedAt) / 1000);
    if (left <= 0) {
      this.entries.delete(key);
      return null;
    }
    return withTtl(entry.msg, left);
  }

  private lifetime(m: Message): number {
    let ttl = Infinity;
    for (const rr of [...m.answers, ...m.authority, ...m.additional]) {
      ttl = Math.min(ttl, rr.ttl);
      // RFC 2308: a negative answer lives no longer than the SOA's minimum.
      if (rr.type === RRType.SOA && rr.data.kind === 'soa' && m.answers.length === 0) ttl = Math.min(ttl, rr.data.minimum);
    }
    if (ttl === Infinity) return this.minTtl;
    return Math.min(this.maxTtl, Math.max(this.minTtl, ttl));
  }
}

function withTtl(m: Message, ttl: number): Message {
  const set = (rrs: ResourceRecord[]) => rrs.map((rr) => ({ ...rr, ttl }));
  return { ...m, answers: set(m.answers), authority: set(m.authority), additional: set(m.additional) };
}
