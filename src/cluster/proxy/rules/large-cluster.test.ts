// upstream proxier_test.go TestSyncProxyRulesLargeClusterMode (its full-sync
// steps): over 1000 endpoints, per-endpoint comments are dropped.
import { describe, expect, it } from 'vitest';
import type { EndpointSlice } from '../../api/types';
import { buildProxyRules, LARGE_CLUSTER_ENDPOINTS_THRESHOLD } from './build';
import { fakeProxierInput, makeTestEndpointSlice, makeTestService } from './testing/fixtures';

const services = [
  makeTestService('ns1', 'svc1', (svc) => {
    svc.spec.type = 'ClusterIP';
    svc.spec.clusterIP = '172.30.0.41';
    svc.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP' }];
  }),
  makeTestService('ns2', 'svc2', (svc) => {
    svc.spec.type = 'ClusterIP';
    svc.spec.clusterIP = '172.30.0.42';
    svc.spec.ports = [{ name: 'p8080', port: 8080, protocol: 'TCP' }];
  }),
  makeTestService('ns3', 'svc3', (svc) => {
    svc.spec.type = 'ClusterIP';
    svc.spec.clusterIP = '172.30.0.43';
    svc.spec.ports = [{ name: 'p8081', port: 8081, protocol: 'TCP' }];
  }),
];

function manyEndpoints(ns: string, name: string, prefix: string, portName: string, port: number): EndpointSlice {
  return makeTestEndpointSlice(ns, name, 1, (eps) => {
    eps.endpoints = Array.from({ length: LARGE_CLUSTER_ENDPOINTS_THRESHOLD / 2 - 1 }, (_, i) => ({
      addresses: [`${prefix}.${i % 256}.${Math.floor(i / 256)}`],
    }));
    eps.ports = [{ name: portName, port, protocol: 'TCP' }];
  });
}

const slices = [manyEndpoints('ns1', 'svc1', '10.0', 'p80', 80), manyEndpoints('ns2', 'svc2', '10.1', 'p8080', 8080)];
const svc3Slice = makeTestEndpointSlice('ns3', 'svc3', 1, (eps) => {
  eps.endpoints = [{ addresses: ['203.0.113.4'] }, { addresses: ['203.0.113.8'] }, { addresses: ['203.0.113.12'] }];
  eps.ports = [{ name: 'p8081', port: 8081, protocol: 'TCP' }];
});

/** upstream's countEndpointsAndComments. */
function countEndpointsAndComments(payload: string, matchEndpoint: string): [string, number, number] {
  let matched = '';
  let endpoints = 0;
  let comments = 0;
  for (const line of payload.split('\n')) {
    if (!line.startsWith('-A KUBE-SEP-') || !line.includes('-j DNAT')) continue;
    endpoints++;
    if (line.includes('--comment')) comments++;
    if (line.includes(`--to-destination ${matchEndpoint}:`)) matched = line;
  }
  return [matched, endpoints, comments];
}

describe('upstream TestSyncProxyRulesLargeClusterMode', () => {
  it('keeps comments below the threshold', () => {
    const rules = buildProxyRules(fakeProxierInput(services.slice(0, 2), slices));
    const [first, n, comments] = countEndpointsAndComments(rules.payload, '10.0.0.0');
    expect(first).toBe('-A KUBE-SEP-DKGQUZGBKLTPAR56 -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.0.0.0:80');
    expect(n).toBe(998);
    expect(comments).toBe(998);
    expect(rules.stats.largeClusterMode).toBe(false);
  });

  it('drops per-endpoint comments above it', () => {
    const rules = buildProxyRules(fakeProxierInput(services, [...slices, svc3Slice]));
    const [first, n, comments] = countEndpointsAndComments(rules.payload, '10.0.0.0');
    expect(first).toBe('-A KUBE-SEP-DKGQUZGBKLTPAR56 -m tcp -p tcp -j DNAT --to-destination 10.0.0.0:80');
    expect(n).toBe(1001);
    expect(comments).toBe(0);
    expect(countEndpointsAndComments(rules.payload, '203.0.113.4')[0]).toBe('-A KUBE-SEP-RUVVH7YV3PHQBDOS -m tcp -p tcp -j DNAT --to-destination 203.0.113.4:8081');
    expect(rules.stats).toMatchObject({ largeClusterMode: true, endpoints: 1001 });
    // The service-level comments stay; only the per-endpoint ones go.
    // (Sorted as text, 203.0.113.12 comes first; names checked with Python's sha256/base32.)
    const svc3 = rules.nat.filter((l) => l.startsWith('-A KUBE-SVC-XCEHPU5FRBD7KKBT '));
    expect(svc3).toEqual([
      '-A KUBE-SVC-XCEHPU5FRBD7KKBT -m comment --comment "ns3/svc3:p8081 cluster IP" -m tcp -p tcp -d 172.30.0.43 --dport 8081 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ',
      '-A KUBE-SVC-XCEHPU5FRBD7KKBT -m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-XWLC2ON6W7IYNH2D',
      '-A KUBE-SVC-XCEHPU5FRBD7KKBT -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-RUVVH7YV3PHQBDOS',
      expect.stringMatching(/^-A KUBE-SVC-XCEHPU5FRBD7KKBT -j KUBE-SEP-[A-Z2-7]{16}$/),
    ]);
    expect(rules.nat).toContain('-A KUBE-SEP-RUVVH7YV3PHQBDOS -s 203.0.113.4 -j KUBE-MARK-MASQ');
  });

  it('counts endpoints of services that exist, ready or not', () => {
    // svc3's slice without svc3 does not count; a not-ready endpoint does.
    const notReady = makeTestEndpointSlice('ns1', 'svc1', 2, (eps) => {
      eps.endpoints = [{ addresses: ['10.9.0.1'], conditions: { ready: false } }, { addresses: ['10.9.0.2'], conditions: { ready: false } }];
      eps.ports = [{ name: 'p80', port: 80, protocol: 'TCP' }];
    });
    expect(buildProxyRules(fakeProxierInput(services.slice(0, 2), [...slices, svc3Slice])).stats.largeClusterMode).toBe(false);
    expect(buildProxyRules(fakeProxierInput(services.slice(0, 2), [...slices, notReady, svc3Slice])).stats).toMatchObject({
      largeClusterMode: false,
      endpoints: 1000,
    });
    const threeNotReady = { ...notReady, endpoints: [...notReady.endpoints!, { addresses: ['10.9.0.3'], conditions: { ready: false } }] };
    expect(buildProxyRules(fakeProxierInput(services.slice(0, 2), [...slices, threeNotReady])).stats.largeClusterMode).toBe(true);
  });
});
