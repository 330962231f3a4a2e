import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Head } from './sha256';

const nodeHead = (text: string): number[] => {
  const d = createHash('sha256').update(text, 'utf8').digest();
  return [d.readUInt32BE(0), d.readUInt32BE(4), d.readUInt32BE(8)];
};

describe('sha256Head', () => {
  it('agrees with node:crypto across block boundaries and non-ASCII text', () => {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789/:.-';
    let seed = 7;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let len = 0; len <= 300; len++) {
      const text = Array.from({ length: len }, () => alphabet[rand(alphabet.length)]).join('');
      expect(sha256Head(text), `length ${len}`).toEqual(nodeHead(text));
    }
    for (const text of ['ns/서비스:http', 'ns/svc-é:p', '🙂'.repeat(40), 'x'.repeat(5000)]) expect(sha256Head(text)).toEqual(nodeHead(text));
  });
});
