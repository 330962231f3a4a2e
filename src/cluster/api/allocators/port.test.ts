import { describe, expect, it } from 'vitest';
import { allocateNextPort, allocatePort, newPortAllocator, releasePort } from './port';

// Texts: pkg/registry/core/service/portallocator/allocator.go.
describe('NodePort allocator', () => {
  it('takes a requested port once and refuses ports outside 30000-32767', () => {
    const r = allocatePort(newPortAllocator(), 30200);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(allocatePort(r.state, 30200)).toEqual({ ok: false, error: { reason: 'Allocated', message: 'provided port is already allocated' } });
    expect(allocatePort(r.state, 8080)).toEqual({
      ok: false, error: { reason: 'NotInRange', message: 'provided port is not in the valid range. The range of valid ports is 30000-32767' },
    });
    expect(releasePort(r.state, 30200).allocated).toEqual([]);
  });

  it('hands out dynamic ports above the static band first', () => {
    expect(allocateNextPort(newPortAllocator(), () => 0)).toMatchObject({ ok: true, port: 30086 });
    let s = newPortAllocator('30000-30019'); // 20 ports: static band 16
    const got: number[] = [];
    for (let i = 0; i < 20; i++) {
      const r = allocateNextPort(s, () => 0);
      if (!r.ok) throw new Error(r.error.message);
      s = r.state;
      got.push(r.port);
    }
    expect(got.slice(0, 4)).toEqual([30016, 30017, 30018, 30019]);
    expect(allocateNextPort(s)).toEqual({ ok: false, error: { reason: 'Full', message: 'range is full' } });
  });
});
