import { describe, expect, it } from 'vitest';
import { service } from './fixtures';
import { DnsObjectSource } from './source';

describe('DnsObjectSource', () => {
  it('is unsynced until the first list, then indexes what it was given', () => {
    let now = 100;
    const src = new DnsObjectSource(undefined, () => now);
    expect(src.index().synced).toBe(false);
    src.setObjects([service('default', 'a', { clusterIP: '10.96.1.1' }), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }]);
    expect(src.index()).toMatchObject({ synced: true, serial: 100 });
    expect([...src.index().services.keys()]).toEqual(['default/a']);
    now = 200;
    src.apply('MODIFIED', service('default', 'a', { clusterIP: '10.96.1.2' }));
    expect(src.index().serial).toBe(200);
    expect(src.index().services.get('default/a')!.clusterIPs).toEqual(['10.96.1.2']);
    src.apply('DELETED', service('default', 'a', {}));
    expect(src.index().services.size).toBe(0);
  });

  it('rebuilds the index only after a change', () => {
    const src = new DnsObjectSource([service('default', 'a', { clusterIP: '10.96.1.1' })]);
    const first = src.index();
    expect(src.index()).toBe(first);
    src.apply('ADDED', service('default', 'b', { clusterIP: '10.96.1.3' }));
    expect(src.index()).not.toBe(first);
  });
});
