import { describe, expect, it } from 'vitest';
import { allocatePodIP, isPodIP } from './pod-ip';

describe('pod IP allocation', () => {
  it('hands out the lowest free address from .2', () => {
    expect(allocatePodIP('10.244.1.0/24', [])).toBe('10.244.1.2');
    expect(allocatePodIP('10.244.1.0/24', ['10.244.1.2', '10.244.1.4'])).toBe('10.244.1.3');
  });

  it('never uses the gateway, the broadcast address or Docker’s own range', () => {
    const inUse = Array.from({ length: 238 }, (_, i) => `10.244.2.${i + 2}`);
    expect(inUse.at(-1)).toBe('10.244.2.239');
    expect(allocatePodIP('10.244.2.0/24', inUse)).toBeNull();
    for (const ip of ['10.244.2.0', '10.244.2.1', '10.244.2.240', '10.244.2.254', '10.244.2.255', '10.244.3.5']) {
      expect(isPodIP('10.244.2.0/24', ip)).toBe(false);
    }
    expect(isPodIP('10.244.2.0/24', '10.244.2.239')).toBe(true);
  });

  it('rejects a pod CIDR that is not a /24', () => {
    expect(() => allocatePodIP('10.244.0.0/16', [])).toThrow(/not a \/24/);
  });
});
