// Policies and flags whose effect upstream tests as single chains
// (TestMasqueradeRule, TestDropInvalidRule, TestNodePorts' firewall check) or
// as packet flows; expectations follow proxier.go and topology.go.
import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Service } from '../../api/types';
import { buildProxyRules, masqueradeMark } from './build';
import type { ProxyRulesInput } from './types';
import { runFlow } from './testing/tracer';

const base: Omit<ProxyRulesInput, 'services' | 'endpointSlices'> = { nodeName: 'node1', nodeIPs: ['10.100.0.101'], clusterCIDR: '10.244.0.0/16' };
const svc = (spec: Service['spec']): Service => ({ metadata: { name: 'web', namespace: 'ns' }, spec: { clusterIP: '10.96.0.20', ports: [{ port: 80 }], ...spec } });
const slice = (endpoints: EndpointSlice['endpoints']): EndpointSlice => ({
  metadata: { name: 'web-1', namespace: 'ns', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  ports: [{ name: '', port: 8080, protocol: 'TCP' }],
  endpoints,
});
const onNodes = slice([
  { addresses: ['10.244.1.7'], nodeName: 'node1' },
  { addresses: ['10.244.2.7'], nodeName: 'node2' },
]);
const build = (services: Service[], slices: EndpointSlice[], extra: Partial<ProxyRulesInput> = {}) =>
  buildProxyRules({ ...base, services, endpointSlices: slices, ...extra });
const flow = (payload: string, sourceIP: string, destIP: string, destPort: number, output: string) =>
  runFlow(payload, ['10.100.0.101'], { name: '', sourceIP, destIP, destPort, output });
const chain = (lines: string[], name: string) => lines.filter((l) => l.startsWith(`-A ${name} `));

describe('masquerade mark and rule', () => {
  it('formats the mark as NewProxier does (%#08x)', () => {
    expect(masqueradeMark(14)).toBe('0x00004000');
    expect(masqueradeMark(0)).toBe('0x00000001');
    expect(masqueradeMark(31)).toBe('0x80000000');
    expect(() => masqueradeMark(32)).toThrow(RangeError);
  });

  it('writes KUBE-POSTROUTING with and without --random-fully (TestMasqueradeRule)', () => {
    for (const randomFully of [false, true]) {
      const nat = build([], [], { randomFully, masqueradeMark: '0x4000' }).nat;
      expect(chain(nat, 'KUBE-POSTROUTING')).toEqual([
        '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
        '-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000',
        `-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE${randomFully ? ' --random-fully' : ''}`,
      ]);
    }
  });

  it('uses the configured bit everywhere', () => {
    const { nat, filter } = build([], [], { masqueradeBit: 12 });
    expect(chain(nat, 'KUBE-MARK-MASQ')).toEqual(['-A KUBE-MARK-MASQ -j MARK --or-mark 0x00001000']);
    expect(filter).toContain('-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x00001000/0x00001000 -j ACCEPT');
  });

  it('masquerades all service traffic with masqueradeAll', () => {
    const nat = build([svc({})], [onNodes], { masqueradeAll: true }).nat;
    expect(nat).toContain('-A KUBE-SVC-2E3CGTP4Q4OVWDQZ -m comment --comment "ns/web cluster IP" -m tcp -p tcp -d 10.96.0.20 --dport 80 -j KUBE-MARK-MASQ');
  });

  it('writes no local-traffic rules without a cluster CIDR (no-op detector)', () => {
    const nat = build([svc({ type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ port: 80, nodePort: 30080 }] })], [onNodes], { clusterCIDR: '' }).nat;
    expect(nat.some((l) => l.includes(' -s 10.244.') && !l.includes('-j KUBE-MARK-MASQ'))).toBe(false);
    expect(nat.some((l) => l.includes('cluster IP') && l.includes('KUBE-MARK-MASQ'))).toBe(false);
    expect(nat.some((l) => l.includes('pod traffic for'))).toBe(false);
  });
});

describe('KUBE-FORWARD (TestDropInvalidRule)', () => {
  const tail = [
    '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x00004000/0x00004000 -j ACCEPT',
    '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  ];
  it('drops INVALID packets unless tcp_be_liberal is set', () => {
    expect(chain(build([], []).filter, 'KUBE-FORWARD')).toEqual(['-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP', ...tail]);
    expect(chain(build([], [], { conntrackTCPLiberal: true }).filter, 'KUBE-FORWARD')).toEqual(tail);
  });
});

describe('localhost NodePorts', () => {
  it('are excluded by default, with no KUBE-FIREWALL chain', () => {
    const r = build([], []);
    expect(r.filter).not.toContain(':KUBE-FIREWALL - [0:0]');
    expect(r.nat.at(-2)).toBe(
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL ! -d 127.0.0.0/8 -j KUBE-NODEPORTS',
    );
  });
  it('bring the anti-martian rule when enabled (TestNodePorts)', () => {
    const r = build([], [], { localhostNodePorts: true });
    expect(chain(r.filter, 'KUBE-FIREWALL')).toEqual([
      '-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP',
    ]);
    expect(r.nat.at(-2)).toMatch(/--dst-type LOCAL -j KUBE-NODEPORTS$/);
  });
});

describe('internalTrafficPolicy Local', () => {
  it('sends cluster-IP traffic to local endpoints only, with no Cluster chain', () => {
    const r = build([svc({ internalTrafficPolicy: 'Local' })], [onNodes]);
    expect(r.nat.filter((l) => l.startsWith(':KUBE-SVC-') || l.startsWith(':KUBE-SVL-') || l.startsWith(':KUBE-SEP-'))).toEqual([
      ':KUBE-SVL-2E3CGTP4Q4OVWDQZ - [0:0]',
      expect.stringMatching(/^:KUBE-SEP-/),
    ]);
    expect(flow(r.payload, '10.244.2.9', '10.96.0.20', 80, 'x:')).toEqual({ output: '10.244.1.7:8080', masq: false });
  });

  it('drops cluster-IP traffic when this node has no endpoint', () => {
    const r = build([svc({ internalTrafficPolicy: 'Local' })], [slice([{ addresses: ['10.244.2.7'], nodeName: 'node2' }])]);
    expect(r.filter).toContain('-A KUBE-SERVICES -m comment --comment "ns/web has no local endpoints" -m tcp -p tcp -d 10.96.0.20 --dport 80 -j DROP');
    expect(r.nat.some((l) => l.includes('KUBE-SVC-') || l.includes('KUBE-SEP-'))).toBe(false);
  });
});

describe('externalTrafficPolicy Local', () => {
  it('rejects everything when there are no endpoints at all', () => {
    const r = build([svc({ type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ port: 80, nodePort: 30080 }] })], []);
    expect(r.filter).toEqual(expect.arrayContaining([
      '-A KUBE-SERVICES -m comment --comment "ns/web has no endpoints" -m tcp -p tcp -d 10.96.0.20 --dport 80 -j REJECT',
      '-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns/web has no endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j REJECT',
    ]));
    expect(r.nat.some((l) => l.startsWith(':KUBE-EXT-'))).toBe(false);
  });

  it('keeps the short-circuit for pods and the node when no endpoint is local', () => {
    const r = build([svc({ type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ port: 80, nodePort: 30080 }] })], [slice([{ addresses: ['10.244.2.7'], nodeName: 'node2' }])]);
    expect(chain(r.nat, 'KUBE-EXT-2E3CGTP4Q4OVWDQZ')).toHaveLength(3);
    expect(r.filter).toContain('-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns/web has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j DROP');
    expect(flow(r.payload, '203.0.113.2', '10.100.0.101', 30080, 'DROP')).toEqual({ output: 'DROP' });
    expect(flow(r.payload, '10.244.1.3', '10.100.0.101', 30080, 'x:')).toEqual({ output: '10.244.2.7:8080', masq: false });
    expect(flow(r.payload, '10.100.0.101', '10.100.0.101', 30080, 'x:')).toEqual({ output: '10.244.2.7:8080', masq: true });
  });
});

describe('topology hints', () => {
  const hinted = slice([
    { addresses: ['10.244.1.7'], nodeName: 'node1', zone: 'a', hints: { forZones: [{ name: 'a' }] } },
    { addresses: ['10.244.2.7'], nodeName: 'node2', zone: 'b', hints: { forZones: [{ name: 'b' }] } },
  ]);
  const targets = (r: ReturnType<typeof build>) => r.nat.filter((l) => l.includes('--to-destination')).map((l) => l.split(' ').at(-1));

  it('uses only same-zone endpoints when every ready endpoint is hinted', () => {
    expect(targets(build([svc({})], [hinted], { nodeLabels: { 'topology.kubernetes.io/zone': 'a' } }))).toEqual(['10.244.1.7:8080']);
  });
  it('ignores zone hints when the node has no zone or no endpoint is hinted for it', () => {
    expect(targets(build([svc({})], [hinted]))).toEqual(['10.244.1.7:8080', '10.244.2.7:8080']);
    expect(targets(build([svc({})], [hinted], { nodeLabels: { 'topology.kubernetes.io/zone': 'c' } }))).toEqual(['10.244.1.7:8080', '10.244.2.7:8080']);
  });
  it('prefers same-node hints over zone hints', () => {
    const s = slice([
      { addresses: ['10.244.1.7'], hints: { forZones: [{ name: 'a' }], forNodes: [{ name: 'node1' }] } },
      { addresses: ['10.244.1.8'], hints: { forZones: [{ name: 'a' }], forNodes: [{ name: 'node9' }] } },
    ]);
    expect(targets(build([svc({})], [s], { nodeLabels: { 'topology.kubernetes.io/zone': 'a' } }))).toEqual(['10.244.1.7:8080']);
  });
});

describe('protocols and ports', () => {
  it('writes one set of chains per port, matching endpoints by name and protocol', () => {
    const s = svc({ ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }] });
    const eps: EndpointSlice = { ...onNodes, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }] };
    const r = build([s], [eps]);
    expect(r.nat.filter((l) => l.startsWith('-A KUBE-SERVICES -m comment --comment "ns/web:dns'))).toEqual([
      expect.stringContaining('"ns/web:dns cluster IP" -m udp -p udp -d 10.96.0.20 --dport 53 -j KUBE-SVC-'),
      expect.stringContaining('"ns/web:dns-tcp cluster IP" -m tcp -p tcp -d 10.96.0.20 --dport 53 -j KUBE-SVC-'),
    ]);
    expect(r.nat.filter((l) => l.includes('-j DNAT'))).toHaveLength(4);
  });
});
