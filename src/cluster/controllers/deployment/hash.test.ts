import { describe, expect, it } from 'vitest';
import { computeHash, safeEncodeString } from './hash';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14' }] } };

describe('computeHash', () => {
  it('encodes like rand.SafeEncodeString', () => {
    // Decimal digits map onto ten letters, which is why real hashes read like 7d9f8c6b5.
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('is stable, DNS-safe, and ignores key order', () => {
    const h = computeHash(template);
    expect(h).toMatch(/^[456789bcdf]{1,10}$/);
    const reordered = { spec: { containers: [{ image: 'nginx:1.14', name: 'nginx' }] }, metadata: { labels: { app: 'web' } } };
    expect(computeHash(reordered)).toBe(h);
  });

  it('changes with the template and with the collision count', () => {
    const h = computeHash(template);
    expect(computeHash({ ...template, spec: { containers: [{ name: 'nginx', image: 'nginx:1.15' }] } })).not.toBe(h);
    expect(computeHash(template, 1)).not.toBe(h);
    expect(computeHash(template, 1)).not.toBe(computeHash(template, 2));
  });
});
