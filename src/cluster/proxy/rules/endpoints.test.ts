import { describe, expect, it } from 'vitest';
import type { EndpointSlice } from '../../api/types';
import { endpointsByServicePort } from './endpoints';

const slice = (name: string, over: Partial<EndpointSlice>): EndpointSlice => ({
  metadata: { name, namespace: 'ns', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  ports: [{ name: '', port: 80, protocol: 'TCP' }],
  endpoints: [],
  ...over,
});
const list = (m: Map<string, { endpoint: string }[]>, key = 'ns/web/TCP') => (m.get(key) ?? []).map((e) => e.endpoint);

describe('endpointsByServicePort', () => {
  it('sorts by "ip:port" text, as upstream does', () => {
    const m = endpointsByServicePort([slice('a', { endpoints: [{ addresses: ['10.0.0.2'] }, { addresses: ['10.0.0.10'] }, { addresses: ['9.0.0.1'] }] })], 'n1');
    expect(list(m)).toEqual(['10.0.0.10:80', '10.0.0.2:80', '9.0.0.1:80']);
  });

  it('merges slices and keys ports by name and protocol', () => {
    const m = endpointsByServicePort(
      [
        slice('a', { endpoints: [{ addresses: ['10.0.0.1'] }], ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] }),
        slice('b', { endpoints: [{ addresses: ['10.0.0.2'] }], ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns', port: 5353, protocol: 'TCP' }] }),
      ],
      'n1',
    );
    expect(list(m, 'ns/web:dns/UDP')).toEqual(['10.0.0.1:53', '10.0.0.2:53']);
    expect(list(m, 'ns/web:dns/TCP')).toEqual(['10.0.0.2:5353']);
  });

  it('ignores what upstream ignores', () => {
    const ep = [{ addresses: ['10.0.0.1'] }];
    const m = endpointsByServicePort(
      [
        slice('fqdn', { addressType: 'FQDN', endpoints: [{ addresses: ['example.com'] }] }),
        slice('v6', { addressType: 'IPv6', endpoints: [{ addresses: ['fd00::1'] }] }),
        { ...slice('nolabel', { endpoints: ep }), metadata: { name: 'nolabel', namespace: 'ns' } },
        slice('noname', { endpoints: ep, ports: [{ port: 80, protocol: 'TCP' }] }),
        slice('nullname', { endpoints: ep, ports: [{ name: null, port: 80, protocol: 'TCP' }] }),
        slice('port0', { endpoints: ep, ports: [{ name: '', port: 0, protocol: 'TCP' }] }),
        slice('noaddr', { endpoints: [{ addresses: [] }] }),
        slice('nullendpoints', { endpoints: null }),
      ],
      'n1',
    );
    expect([...m.keys()]).toEqual([]);
  });

  it('reads conditions and locality like upstream', () => {
    const m = endpointsByServicePort(
      [
        slice('a', {
          endpoints: [
            { addresses: ['10.0.0.1'], nodeName: 'n1' },
            { addresses: ['10.0.0.2'], nodeName: 'n2', conditions: { ready: false, serving: true, terminating: true } },
            { addresses: ['10.0.0.3'], conditions: { ready: false, serving: false } },
          ],
        }),
      ],
      'n1',
    );
    expect(m.get('ns/web/TCP')!.map((e) => [e.endpoint, e.isLocal, e.ready, e.serving, e.terminating])).toEqual([
      ['10.0.0.1:80', true, true, true, false],
      ['10.0.0.2:80', false, false, true, true],
      ['10.0.0.3:80', false, false, false, false],
    ]);
    // No node name configured: nothing is local.
    expect(endpointsByServicePort([slice('a', { endpoints: [{ addresses: ['10.0.0.1'], nodeName: '' }] })], '').get('ns/web/TCP')![0]!.isLocal).toBe(false);
  });

  it('prefers the live copy of an address seen twice', () => {
    const live = { addresses: ['10.0.0.1'], conditions: { ready: true } };
    const dying = { addresses: ['10.0.0.1'], conditions: { ready: false, serving: true, terminating: true } };
    const a = endpointsByServicePort([slice('a', { endpoints: [dying] }), slice('b', { endpoints: [live] })], 'n1');
    const b = endpointsByServicePort([slice('a', { endpoints: [live] }), slice('b', { endpoints: [dying] })], 'n1');
    expect(a.get('ns/web/TCP')!.map((e) => e.ready)).toEqual([true]);
    expect(b.get('ns/web/TCP')!.map((e) => e.ready)).toEqual([true]);
  });
});
