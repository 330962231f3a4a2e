import { describe, expect, it } from 'vitest';
import type { LessonDiagramFacts } from '../../../shared/api';
import { translator } from '../../i18n/i18n';
import { EMPTY, LIVE, diagram } from './fixture.test-data';
import type { Flow } from './flow';
import { present } from './lookup';
import { flowOf } from './models';
import { serviceTypes } from './types-model';

const t = translator('en');
const role = { ko: '', en: '' };
const titles = (f: Flow | undefined) => f!.rows.map((r) => r.map((b) => b.title));
const box = (f: Flow | undefined, id: string) => f!.rows.flat().find((b) => b.id === id)!;

const fanout = diagram('service-fanout', [
  { kind: 'Service', name: 'clusterip-service', role },
  { kind: 'EndpointSlice', name: 'clusterip-service', role },
  { kind: 'Pod', selector: 'app=webui', role },
]);

describe('the ClusterIP picture', () => {
  it('shows the real ClusterIP, the endpoints and the three pods with their IPs', () => {
    const f = flowOf(fanout, LIVE, undefined, t);
    expect(titles(f)).toEqual([['clusterip-service'], ['EndpointSlice clusterip-service'], ['webui-a', 'webui-b', 'webui-c']]);
    expect(box(f, 'svc:clusterip-service').lines).toEqual(['ClusterIP 10.100.100.100', '80/TCP']);
    expect(box(f, 'slice').lines).toEqual(['10.244.1.5:80', '10.244.2.6:80', '10.244.2.7:80']);
    expect(box(f, 'pod:webui-a').lines).toEqual(['10.244.1.5', 'on node1']);
    expect(f!.edges.filter((e) => e.from === 'slice').map((e) => e.label)).toEqual(['1/3', '1/3', '1/3']);
    expect(f!.edges[0]!.label).toBe('app=webui');
  });

  it('falls back to dashed stand-ins for what is not there yet', () => {
    const f = flowOf(fanout, EMPTY, undefined, t);
    expect(f!.rows.flat().every((b) => !b.live)).toBe(true);
    expect(box(f, 'svc:clusterip-service').lines).toEqual(['not created yet']);
    expect(box(f, 'pods').title).toBe('Pod app=webui');
  });
});

describe('the ways in from outside', () => {
  it('NodePort: station to each node on the real port, then the Service and its pods', () => {
    const d = diagram('nodeport-path', [
      { kind: 'Host', name: 'station', role },
      { kind: 'Node', name: 'node1', role },
      { kind: 'Node', name: 'node2', role },
      { kind: 'Service', name: 'nodeport-service', role },
      { kind: 'Pod', selector: 'app=webui', role },
    ]);
    const f = flowOf(d, LIVE, undefined, t);
    expect(titles(f)).toEqual([['station'], ['node1', 'node2'], ['nodeport-service'], ['webui-a', 'webui-b', 'webui-c']]);
    expect(box(f, 'node:node2').lines).toEqual(['10.100.0.102:30200']);
    expect(f!.edges.filter((e) => e.from === 'host:station').map((e) => e.label)).toEqual([':30200', ':30200']);
  });

  it('LoadBalancer: the cloud holds the real EXTERNAL-IP and sends to the node port', () => {
    const d = diagram('loadbalancer-path', [
      { kind: 'Host', name: 'station', role },
      { kind: 'Host', name: 'cloud', role },
      { kind: 'Service', name: 'loadbalancer-service', role },
      { kind: 'Node', name: 'node1', role },
      { kind: 'Node', name: 'node2', role },
      { kind: 'Pod', selector: 'app=webui', role },
    ]);
    const f = flowOf(d, LIVE, undefined, t);
    expect(box(f, 'host:cloud')).toMatchObject({ live: true, lines: ['10.100.0.250', 'load balancer 10.100.0.240:80'] });
    expect(box(f, 'node:node1').lines).toEqual(['10.100.0.101:31234']);
    expect(flowOf(d, EMPTY, undefined, t)!.rows.flat().find((b) => b.id === 'host:cloud')!.live).toBe(false);
  });
});

const facts: LessonDiagramFacts = {
  section: 'x',
  problems: [],
  dns: [
    { service: 'headless-service', name: 'headless-service.default.svc.cluster.local', status: 'NOERROR', records: ['10.244.1.5', '10.244.2.6', '10.244.2.7'].map((ip) => ({ name: 'h.', type: 'A', data: ip })) },
    { service: 'nodeport-service', name: 'nodeport-service.default.svc.cluster.local', status: 'NOERROR', records: [{ name: 'n.', type: 'A', data: '10.103.4.5' }] },
    { service: 'externalname-svc', name: 'externalname-svc.default.svc.cluster.local', status: 'NOERROR', records: [{ name: 'e.', type: 'CNAME', data: 'web.cloud.test.' }, { name: 'web.cloud.test.', type: 'A', data: '10.100.0.250' }] },
  ],
  rules: [
    {
      host: 'node1',
      service: 'nodeport-service',
      entries: [
        { chain: 'KUBE-SERVICES', text: '-A KUBE-SERVICES -d 10.103.4.5/32 -p tcp -m tcp --dport 80 -j KUBE-SVC-X', jump: 'KUBE-SVC-X' },
        { chain: 'KUBE-NODEPORTS', text: '-A KUBE-NODEPORTS -p tcp -m tcp --dport 30200 -j KUBE-EXT-X', jump: 'KUBE-EXT-X' },
      ],
      chains: [
        { name: 'KUBE-SVC-X', rules: [{ chain: 'KUBE-SVC-X', text: '', jump: 'KUBE-SEP-A', probability: 0.33333333349 }, { chain: 'KUBE-SVC-X', text: '', jump: 'KUBE-SEP-B', probability: 0.5 }, { chain: 'KUBE-SVC-X', text: '', jump: 'KUBE-SEP-C' }] },
        { name: 'KUBE-EXT-X', rules: [{ chain: 'KUBE-EXT-X', text: '', jump: 'KUBE-MARK-MASQ' }, { chain: 'KUBE-EXT-X', text: '', jump: 'KUBE-SVC-X' }] },
        ...['A', 'B', 'C'].map((s, i) => ({ name: `KUBE-SEP-${s}`, rules: [{ chain: `KUBE-SEP-${s}`, text: '', jump: 'DNAT', toDestination: `${['10.244.1.5', '10.244.2.6', '10.244.2.7'][i]}:80` }] })),
      ],
    },
  ],
};

describe('the DNS pictures', () => {
  it('headless: every pod IP in the answer, against one virtual IP', () => {
    const d = diagram('headless-dns', [
      { kind: 'DnsAnswer', name: 'headless-service', role },
      { kind: 'DnsAnswer', name: 'nodeport-service', role },
      { kind: 'Pod', selector: 'app=webui', role },
    ]);
    const f = flowOf(d, LIVE, facts, t);
    expect(box(f, 'dns:headless').lines).toEqual(['headless-service?', 'A 10.244.1.5', 'A 10.244.2.6', 'A 10.244.2.7']);
    expect(box(f, 'dns:normal').lines).toEqual(['nodeport-service?', 'A 10.103.4.5']);
    expect(f!.edges.filter((e) => e.from === 'dns:headless').map((e) => e.to)).toEqual(['pod:webui-a', 'pod:webui-b', 'pod:webui-c']);
    expect(box(flowOf(d, LIVE, undefined, t), 'dns:headless')).toMatchObject({ live: false, lines: ['headless-service?', 'no answer yet'] });
  });

  it('ExternalName: the CNAME and the address the cloud gave', () => {
    const d = diagram('externalname-dns', [
      { kind: 'Pod', selector: 'app=webui', role },
      { kind: 'Service', name: 'externalname-svc', role },
      { kind: 'DnsAnswer', name: 'externalname-svc', role },
      { kind: 'Host', name: 'cloud', role },
    ]);
    const f = flowOf(d, LIVE, facts, t);
    expect(titles(f)[0]).toEqual(['webui-a']);
    expect(box(f, 'dns').lines).toEqual(['externalname-svc?', 'CNAME web.cloud.test.', 'A 10.100.0.250']);
    expect(box(f, 'svc:externalname-svc').lines[0]).toBe('ExternalName → web.cloud.test');
    expect(box(f, 'host:cloud').lines).toEqual(['10.100.0.250', 'web.cloud.test']);
  });
});

describe('the kube-proxy picture', () => {
  const d = diagram('kube-proxy-chains', [
    { kind: 'Rules', name: 'nodeport-service', host: 'node1', role },
    { kind: 'Service', name: 'nodeport-service', role },
    { kind: 'Pod', selector: 'app=webui', role },
  ]);

  it('follows the real chains down to the pods, with the odds on the arrows', () => {
    const f = flowOf(d, LIVE, facts, t);
    expect(titles(f)).toEqual([['KUBE-SERVICES', 'KUBE-NODEPORTS'], ['KUBE-EXT-X'], ['KUBE-SVC-X'], ['KUBE-SEP-A', 'KUBE-SEP-B', 'KUBE-SEP-C'], ['webui-a', 'webui-b', 'webui-c']]);
    expect(box(f, 'entry:0').lines).toEqual(['10.103.4.5/32 :80', '→ KUBE-SVC-X']);
    expect(box(f, 'entry:1').lines).toEqual([':30200', '→ KUBE-EXT-X']);
    expect(f!.edges.filter((e) => e.from === 'KUBE-SVC-X').map((e) => e.label)).toEqual(['p=0.333', 'p=0.5', 'rest']);
    expect(f!.edges).toContainEqual({ from: 'KUBE-EXT-X', to: 'KUBE-SVC-X', label: undefined });
    expect(f!.edges).toContainEqual({ from: 'KUBE-SEP-B', to: 'pod:webui-b' });
  });

  it('stands in dashed chains until the rules can be read', () => {
    expect(flowOf(d, LIVE, undefined, t)!.rows.flat().every((b) => !b.live)).toBe(true);
  });
});

describe('the four types', () => {
  const d = diagram('service-types', [
    { kind: 'Service', name: 'clusterip-service', role },
    { kind: 'Service', name: 'nodeport-service', role },
    { kind: 'Node', name: 'node1', role },
    { kind: 'Service', name: 'loadbalancer-service', role },
    { kind: 'Host', name: 'cloud', role },
    { kind: 'Service', name: 'externalname-svc', role },
  ]);

  it('fills each box from a Service of its type', () => {
    const boxes = serviceTypes(d, LIVE, t);
    expect(boxes.map((b) => [b.type, b.name, b.live])).toEqual([
      ['ClusterIP', 'clusterip-service', true],
      ['NodePort', 'nodeport-service', true],
      ['LoadBalancer', 'loadbalancer-service', true],
      ['ExternalName', 'externalname-svc', true],
    ]);
    expect(boxes[1]!.lines).toContain('node1 10.100.0.101:30200');
    expect(boxes[2]!.lines).toContain('EXTERNAL-IP 10.100.0.240');
    expect(boxes[3]!.lines).toEqual(['→ web.cloud.test']);
  });

  it('names the Service each box waits for', () => {
    expect(serviceTypes(d, EMPTY, t).map((b) => [b.name, b.live])).toEqual([
      ['clusterip-service', false],
      ['nodeport-service', false],
      ['loadbalancer-service', false],
      ['externalname-svc', false],
    ]);
  });
});

describe('the legend', () => {
  it('ticks what is live', () => {
    expect(present({ kind: 'Pod', selector: 'app=webui', role }, LIVE, undefined)).toBe(true);
    expect(present({ kind: 'Pod', selector: 'app=other', role }, LIVE, undefined)).toBe(false);
    expect(present({ kind: 'EndpointSlice', name: 'externalname-svc', role }, LIVE, undefined)).toBe(false);
    expect(present({ kind: 'Rules', name: 'nodeport-service', host: 'node1', role }, LIVE, facts)).toBe(true);
    expect(present({ kind: 'DnsAnswer', name: 'headless-service', role }, LIVE, undefined)).toBe(false);
  });
});
