import { describe, expect, it } from 'vitest';
import { allocateIP, allocateNextIP, hasIP, newIPAllocator, releaseIP, type IPAllocatorState } from './ip';

// Texts: pkg/registry/core/service/ipallocator (ErrAllocated, ErrNotInRange, ErrFull).
const ok = (r: ReturnType<typeof allocateIP>): IPAllocatorState => {
  if (!r.ok) throw new Error(r.error.message);
  return r.state;
};

describe('ClusterIP allocator', () => {
  it('takes a requested address once', () => {
    const s = ok(allocateIP(newIPAllocator(), '10.100.100.100'));
    expect(allocateIP(s, '10.100.100.100')).toEqual({ ok: false, error: { reason: 'Allocated', message: 'provided IP is already allocated' } });
  });

  it('answers for the host network as for a taken address', () => {
    expect(allocateIP(newIPAllocator(), '10.100.0.104')).toEqual({ ok: false, error: { reason: 'Allocated', message: 'provided IP is already allocated' } });
  });

  it('refuses addresses outside the range, network and broadcast included', () => {
    const notInRange = (ip: string): string =>
      `the provided IP (${ip}) is not in the valid range. The range of valid IPs is 10.96.0.0/12`;
    for (const ip of ['10.0.0.1', '10.96.0.0', '10.111.255.255']) {
      expect(allocateIP(newIPAllocator(), ip)).toEqual({ ok: false, error: { reason: 'NotInRange', message: notInRange(ip) } });
    }
    expect(allocateIP(newIPAllocator(), '10.111.255.254').ok).toBe(true);
  });

  it('hands out dynamic addresses from the upper band, never the host network', () => {
    let s = newIPAllocator('10.100.0.0/23', ['10.100.0.0/24']);
    const seen = new Set<string>();
    for (let i = 0; i < 255; i++) {
      const r = allocateNextIP(s, Math.random);
      if (!r.ok) throw new Error(r.error.message);
      s = r.state;
      seen.add(r.ip);
    }
    expect([...seen].every((ip) => ip.startsWith('10.100.1.'))).toBe(true);
    expect(allocateNextIP(s)).toEqual({ ok: false, error: { reason: 'Full', message: 'range is full' } });
  });

  it('prefers addresses above the static band of the default range', () => {
    const r = allocateNextIP(newIPAllocator(), () => 0);
    expect(r).toMatchObject({ ok: true, ip: '10.96.1.1' }); // offset 256 past 10.96.0.1
  });

  it('releases, and is pure', () => {
    const empty = newIPAllocator();
    const s = ok(allocateIP(empty, '10.96.0.10'));
    expect(empty.allocated).toEqual([]);
    expect(hasIP(s, '10.96.0.10')).toBe(true);
    expect(hasIP(releaseIP(s, '10.96.0.10'), '10.96.0.10')).toBe(false);
    expect(releaseIP(s, '10.96.0.11')).toBe(s);
  });
});
