import { describe, expect, it } from 'vitest';
import { computeProbability, probability } from './probability';

describe('probability', () => {
  it('prints what upstream TestComputeProbability expects', () => {
    const expected: Record<number, string> = {
      1: '1.0000000000',
      2: '0.5000000000',
      3: '0.3333333333',
      10: '0.1000000000',
      100: '0.0100000000',
      1000: '0.0010000000',
      10000: '0.0001000000',
      100000: '0.0000100000',
      100001: '0.0000099999',
    };
    for (const [n, p] of Object.entries(expected)) expect(computeProbability(Number(n))).toBe(p);
  });

  it('rounds the one exact tie half-to-even as Go does', () => {
    // 1/2048 = 0.00048828125 exactly: Go prints ...812, toFixed would print ...813.
    expect(probability(2048)).toBe('0.0004882812');
    expect(probability(2047)).toBe('0.0004885198');
  });

  it('strictly decreases with n, so every endpoint keeps a share', () => {
    let prev = 2;
    for (let n = 1; n <= 5000; n++) {
      const p = Number(probability(n));
      expect(p).toBeLessThan(prev);
      prev = p;
    }
  });
});
