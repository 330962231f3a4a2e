import { describe, expect, it } from 'vitest';
import { randomScanWithOffset, rangeOffset } from './scan';

// pkg/registry/core/service/ipallocator and portallocator calculateRangeOffset,
// allocator/bitmap.go randomScanStrategyWithOffset.
describe('static band size', () => {
  it('matches upstream for service CIDRs (min 16, size/16, max 256)', () => {
    expect(rangeOffset(2 ** 20, 16, 16, 256)).toBe(256); // 10.96.0.0/12
    expect(rangeOffset(256, 16, 16, 256)).toBe(16); // a /24
    expect(rangeOffset(16, 16, 16, 256)).toBe(0); // a /28 has no static band
  });
  it('matches upstream for node ports (min 16, size/32, max 128)', () => {
    expect(rangeOffset(2768, 16, 32, 128)).toBe(86); // 30000-32767
  });
});

describe('random scan with offset', () => {
  it('starts in the upper band and wraps inside it', () => {
    const taken = new Set([9]);
    expect(randomScanWithOffset(10, 4, (i) => taken.has(i), () => 0.99)).toBe(4);
    expect(randomScanWithOffset(10, 4, () => false, () => 0)).toBe(4);
  });
  it('falls back to the lower band only when the upper one is full', () => {
    expect(randomScanWithOffset(10, 4, (i) => i >= 4 || i === 2, () => 0.5)).toBe(3);
    expect(randomScanWithOffset(10, 4, () => true, () => 0.5)).toBeUndefined();
  });
});
