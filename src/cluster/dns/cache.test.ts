import { describe, expect, it } from 'vitest';
import { ResponseCache } from './cache';
import { Rcode, RRClass, RRType, emptyMessage, type Message } from './types';

const req = (name: string, patch: Partial<Message> = {}): Message => ({ ...emptyMessage(1), questions: [{ name, type: RRType.A, class: RRClass.IN }], ...patch });
const answerWithTtl = (ttl: number): Message => ({
  ...emptyMessage(1),
  qr: true,
  questions: [{ name: 'x.example', type: RRType.A, class: RRClass.IN }],
  answers: [{ name: 'x.example', type: RRType.A, class: RRClass.IN, ttl, data: { kind: 'address', address: '192.0.2.1' } }],
});

describe('ResponseCache', () => {
  it('keeps an answer for its TTL clamped to 5..30 s and counts down', () => {
    let now = 0;
    const cache = new ResponseCache({ now: () => now });
    expect(cache.put(req('x.example'), answerWithTtl(300)).answers[0]!.ttl).toBe(30);
    now = 29_500;
    expect(cache.get(req('X.Example'))!.answers[0]!.ttl).toBe(1);
    now = 30_000;
    expect(cache.get(req('x.example'))).toBeNull();
    expect(cache.put(req('x.example'), answerWithTtl(1)).answers[0]!.ttl).toBe(5);
  });

  it('keys on the DO and CD bits, and skips truncated and failed answers', () => {
    const cache = new ResponseCache();
    cache.put(req('x.example'), answerWithTtl(60));
    expect(cache.get(req('x.example', { cd: true }))).toBeNull();
    expect(cache.get(req('x.example', { edns: { udpSize: 1232, version: 0, dnssecOk: true, options: [] } }))).toBeNull();
    cache.put(req('tc.example'), { ...answerWithTtl(60), tc: true });
    cache.put(req('sf.example'), { ...answerWithTtl(60), rcode: Rcode.SERVFAIL });
    expect(cache.size).toBe(1);
  });

  it('forgets the oldest entry beyond its capacity', () => {
    const cache = new ResponseCache({ capacity: 2 });
    for (const n of ['a', 'b', 'c']) cache.put(req(`${n}.example`), answerWithTtl(60));
    expect(cache.get(req('a.example'))).toBeNull();
    expect(cache.get(req('c.example'))).not.toBeNull();
  });
});
