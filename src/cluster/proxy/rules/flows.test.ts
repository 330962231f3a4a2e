// upstream proxier_test.go packet-flow tests, run on our payload with a port
// of upstream's tracer: TestNoEndpointsReject, TestClusterIPGeneral,
// TestLoadBalancer, TestExternalTrafficPolicyLocal/Cluster and
// TestTerminatingEndpointsTrafficPolicyCluster/Local. Inputs and expected
// outcomes are upstream's.
import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Service } from '../../api/types';
import { buildProxyRules } from './build';
import { fakeProxierInput, makeTestEndpointSlice, makeTestService, testNodeIP, testNodeName } from './testing/fixtures';
import { runFlow, type PacketFlowTest } from './testing/tracer';

const testNodeIPs = [testNodeIP, '192.168.1.2', '192.168.99.11'];
const testExternalClient = '203.0.113.2';
const testExternalClientBlocked = '203.0.113.130';

function expectFlows(services: Service[], slices: EndpointSlice[], flows: PacketFlowTest[]): void {
  const payload = buildProxyRules(fakeProxierInput(services, slices)).payload;
  for (const tc of flows) {
    const want = tc.output.includes(':') ? { output: tc.output, masq: tc.masq ?? false } : { output: tc.output };
    expect(runFlow(payload, testNodeIPs, tc), tc.name).toEqual(want);
  }
}

const p80 = (name = 'p80'): NonNullable<EndpointSlice['ports']> => [{ name, port: 80, protocol: 'TCP' }];

describe('upstream packet-flow tests', () => {
  it('TestNoEndpointsReject', () => {
    const svc = makeTestService('ns1', 'svc1', (s) => {
      s.spec.type = 'LoadBalancer';
      s.spec.clusterIP = '172.30.0.41';
      s.spec.externalIPs = ['192.168.99.11'];
      s.spec.ports = [{ name: 'p80', protocol: 'TCP', port: 80, nodePort: 3001 }];
      s.status = { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } };
    });
    expectFlows([svc], [], [
      { name: 'pod to cluster IP with no endpoints', sourceIP: '10.0.0.2', destIP: '172.30.0.41', destPort: 80, output: 'REJECT' },
      { name: 'external to external IP with no endpoints', sourceIP: testExternalClient, destIP: '192.168.99.11', destPort: 80, output: 'REJECT' },
      { name: 'pod to NodePort with no endpoints', sourceIP: '10.0.0.2', destIP: testNodeIP, destPort: 3001, output: 'REJECT' },
      { name: 'external to NodePort with no endpoints', sourceIP: testExternalClient, destIP: testNodeIP, destPort: 3001, output: 'REJECT' },
      { name: 'pod to LoadBalancer IP with no endpoints', sourceIP: '10.0.0.2', destIP: '1.2.3.4', destPort: 80, output: 'REJECT' },
      { name: 'external to LoadBalancer IP with no endpoints', sourceIP: testExternalClient, destIP: '1.2.3.4', destPort: 80, output: 'REJECT' },
    ]);
  });

  it('TestClusterIPGeneral', () => {
    const services = [
      makeTestService('ns1', 'svc1', (s) => {
        s.spec.clusterIP = '172.30.0.41';
        s.spec.ports = [{ name: 'http', port: 80, protocol: 'TCP' }];
      }),
      makeTestService('ns2', 'svc2', (s) => {
        s.spec.clusterIP = '172.30.0.42';
        s.spec.ports = [
          { name: 'http', port: 80, protocol: 'TCP' },
          { name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 },
          { name: 'dns-udp', port: 53, protocol: 'UDP' },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 5353 },
          { name: 'dns-sctp', port: 53, protocol: 'SCTP' },
        ];
      }),
    ];
    const slices = [
      makeTestEndpointSlice('ns1', 'svc1', 1, (eps) => {
        eps.endpoints = [{ addresses: ['10.180.0.1'], nodeName: testNodeName }];
        eps.ports = p80('http');
      }),
      makeTestEndpointSlice('ns2', 'svc2', 1, (eps) => {
        eps.endpoints = [{ addresses: ['10.180.0.1'], nodeName: testNodeName }, { addresses: ['10.180.2.1'], nodeName: 'node2' }];
        eps.ports = [
          { name: 'http', port: 80, protocol: 'TCP' },
          { name: 'https', port: 8443, protocol: 'TCP' },
          { name: 'dns-udp', port: 53, protocol: 'UDP' },
          { name: 'dns-tcp', port: 5353, protocol: 'TCP' },
          { name: 'dns-sctp', port: 53, protocol: 'SCTP' },
        ];
      }),
    ];
    expectFlows(services, slices, [
      { name: 'simple clusterIP', sourceIP: '10.180.0.2', destIP: '172.30.0.41', destPort: 80, output: '10.180.0.1:80', masq: false },
      { name: 'hairpin to cluster IP', sourceIP: '10.180.0.1', destIP: '172.30.0.41', destPort: 80, output: '10.180.0.1:80', masq: true },
      { name: 'clusterIP with multiple endpoints', sourceIP: '10.180.0.2', destIP: '172.30.0.42', destPort: 80, output: '10.180.0.1:80, 10.180.2.1:80', masq: false },
      { name: 'clusterIP with TargetPort', sourceIP: '10.180.0.2', destIP: '172.30.0.42', destPort: 443, output: '10.180.0.1:8443, 10.180.2.1:8443', masq: false },
      { name: 'TCP on shared port', sourceIP: '10.180.0.2', protocol: 'TCP', destIP: '172.30.0.42', destPort: 53, output: '10.180.0.1:5353, 10.180.2.1:5353', masq: false },
      { name: 'UDP on shared port', sourceIP: '10.180.0.2', protocol: 'UDP', destIP: '172.30.0.42', destPort: 53, output: '10.180.0.1:53, 10.180.2.1:53', masq: false },
      { name: 'SCTP on shared port', sourceIP: '10.180.0.2', protocol: 'SCTP', destIP: '172.30.0.42', destPort: 53, output: '10.180.0.1:53, 10.180.2.1:53', masq: false },
      { name: 'TCP-only port does not match UDP traffic', sourceIP: '10.180.0.2', protocol: 'UDP', destIP: '172.30.0.42', destPort: 80, output: '' },
      { name: "svc1 does not accept svc2's ports", sourceIP: '10.180.0.2', destIP: '172.30.0.41', destPort: 443, output: '' },
    ]);
  });

  it('TestLoadBalancer', () => {
    const svc = makeTestService('ns1', 'svc1', (s) => {
      s.spec.type = 'LoadBalancer';
      s.spec.clusterIP = '172.30.0.41';
      s.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }];
      s.status = { loadBalancer: { ingress: [{ ip: '1.2.3.4' }, { ip: '5.6.7.8' }] } };
      s.spec.loadBalancerSourceRanges = ['192.168.0.0/24', ' 203.0.113.0/25'];
    });
    const eps = makeTestEndpointSlice('ns1', 'svc1', 1, (e) => {
      e.endpoints = [{ addresses: ['10.180.0.1'] }];
      e.ports = p80();
    });
    const ep = '10.180.0.1:80';
    expectFlows([svc], [eps], [
      { name: 'pod to cluster IP', sourceIP: '10.0.0.2', destIP: '172.30.0.41', destPort: 80, output: ep, masq: false },
      { name: 'external to nodePort', sourceIP: testExternalClient, destIP: testNodeIP, destPort: 3001, output: ep, masq: true },
      { name: 'nodePort bypasses LoadBalancerSourceRanges', sourceIP: testExternalClientBlocked, destIP: testNodeIP, destPort: 3001, output: ep, masq: true },
      { name: 'accepted external to LB1', sourceIP: testExternalClient, destIP: '1.2.3.4', destPort: 80, output: ep, masq: true },
      { name: 'accepted external to LB2', sourceIP: testExternalClient, destIP: '5.6.7.8', destPort: 80, output: ep, masq: true },
      { name: 'blocked external to LB1', sourceIP: testExternalClientBlocked, destIP: '1.2.3.4', destPort: 80, output: 'DROP' },
      { name: 'blocked external to LB2', sourceIP: testExternalClientBlocked, destIP: '5.6.7.8', destPort: 80, output: 'DROP' },
      { name: 'pod to LB1 (blocked by LoadBalancerSourceRanges)', sourceIP: '10.0.0.2', destIP: '1.2.3.4', destPort: 80, output: 'DROP' },
      { name: 'pod to LB2 (blocked by LoadBalancerSourceRanges)', sourceIP: '10.0.0.2', destIP: '5.6.7.8', destPort: 80, output: 'DROP' },
      { name: 'node to LB1 (allowed by LoadBalancerSourceRanges)', sourceIP: testNodeIP, destIP: '1.2.3.4', destPort: 80, output: ep, masq: true },
      { name: 'node to LB2 (allowed by LoadBalancerSourceRanges)', sourceIP: testNodeIP, destIP: '5.6.7.8', destPort: 80, output: ep, masq: true },
      { name: 'same node to LB1, SNATted to LB1 (implicitly allowed)', sourceIP: '1.2.3.4', destIP: '1.2.3.4', destPort: 80, output: ep, masq: true },
      { name: 'same node to LB2, SNATted to LB2 (implicitly allowed)', sourceIP: '5.6.7.8', destIP: '5.6.7.8', destPort: 80, output: ep, masq: true },
    ]);
  });

  const etpService = (policy: 'Local' | 'Cluster'): Service =>
    makeTestService('ns1', 'svc1', (s) => {
      s.spec.type = 'LoadBalancer';
      s.spec.externalTrafficPolicy = policy;
      s.spec.clusterIP = '172.30.0.41';
      s.spec.externalIPs = ['192.168.99.11'];
      s.spec.ports = [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001, targetPort: 80 }];
      if (policy === 'Local') s.spec.healthCheckNodePort = 30000;
      s.status = { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } };
    });
  const etpEndpoints = makeTestEndpointSlice('ns1', 'svc1', 1, (e) => {
    e.endpoints = [{ addresses: ['10.180.0.1'] }, { addresses: ['10.180.2.1'], nodeName: testNodeName }];
    e.ports = p80();
  });
  const both = '10.180.0.1:80, 10.180.2.1:80';

  it('TestExternalTrafficPolicyLocal', () => {
    expectFlows([etpService('Local')], [etpEndpoints], [
      { name: 'pod to cluster IP hits both endpoints, unmasqueraded', sourceIP: '10.0.0.2', destIP: '172.30.0.41', destPort: 80, output: both, masq: false },
      { name: 'pod to external IP hits both endpoints, unmasqueraded', sourceIP: '10.0.0.2', destIP: '192.168.99.11', destPort: 80, output: both, masq: false },
      { name: 'external to external IP hits only local endpoint, unmasqueraded', sourceIP: testExternalClient, destIP: '192.168.99.11', destPort: 80, output: '10.180.2.1:80', masq: false },
      { name: 'pod to LB IP hits only both endpoints, unmasqueraded', sourceIP: '10.0.0.2', destIP: '1.2.3.4', destPort: 80, output: both, masq: false },
      { name: 'external to LB IP hits only local endpoint, unmasqueraded', sourceIP: testExternalClient, destIP: '1.2.3.4', destPort: 80, output: '10.180.2.1:80', masq: false },
      { name: 'pod to NodePort hits both endpoints, unmasqueraded', sourceIP: '10.0.0.2', destIP: testNodeIP, destPort: 3001, output: both, masq: false },
      { name: 'external to NodePort hits only local endpoint, unmasqueraded', sourceIP: testExternalClient, destIP: testNodeIP, destPort: 3001, output: '10.180.2.1:80', masq: false },
    ]);
  });

  it('TestExternalTrafficPolicyCluster', () => {
    expectFlows([etpService('Cluster')], [etpEndpoints], [
      { name: 'pod to cluster IP hits both endpoints, unmasqueraded', sourceIP: '10.0.0.2', destIP: '172.30.0.41', destPort: 80, output: both, masq: false },
      { name: 'pod to external IP hits both endpoints, masqueraded', sourceIP: '10.0.0.2', destIP: '192.168.99.11', destPort: 80, output: both, masq: true },
      { name: 'external to external IP hits both endpoints, masqueraded', sourceIP: testExternalClient, destIP: '192.168.99.11', destPort: 80, output: both, masq: true },
      { name: 'pod to LB IP hits both endpoints, masqueraded', sourceIP: '10.0.0.2', destIP: '1.2.3.4', destPort: 80, output: both, masq: true },
      { name: 'external to LB IP hits both endpoints, masqueraded', sourceIP: testExternalClient, destIP: '1.2.3.4', destPort: 80, output: both, masq: true },
      { name: 'pod to NodePort hits both endpoints, masqueraded', sourceIP: '10.0.0.2', destIP: testNodeIP, destPort: 3001, output: both, masq: true },
      { name: 'external to NodePort hits both endpoints, masqueraded', sourceIP: testExternalClient, destIP: testNodeIP, destPort: 3001, output: both, masq: true },
    ]);
  });
});

describe('upstream terminating-endpoint tests', () => {
  const service = (policy: 'Local' | 'Cluster'): Service => ({
    metadata: { name: 'svc1', namespace: 'ns1' },
    spec: {
      clusterIP: '172.30.1.1',
      type: 'LoadBalancer',
      externalTrafficPolicy: policy,
      ports: [{ name: '', targetPort: 80, port: 80, protocol: 'TCP' }],
      healthCheckNodePort: 30000,
    },
    status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } },
  });
  type Cond = [ready: boolean, serving: boolean, terminating: boolean];
  const slice = (eps: [string, Cond, string][]): EndpointSlice => ({
    metadata: { name: 'svc1-1', namespace: 'ns1', labels: { 'kubernetes.io/service-name': 'svc1' } },
    addressType: 'IPv4',
    ports: [{ name: '', port: 80, protocol: 'TCP' }],
    endpoints: eps.map(([ip, [ready, serving, terminating], nodeName]) => ({ addresses: [ip], conditions: { ready, serving, terminating }, nodeName })),
  });
  const toClusterIP = (output: string, masq = false): PacketFlowTest => ({ name: 'pod to clusterIP', sourceIP: '10.0.0.2', destIP: '172.30.1.1', destPort: 80, output, masq });
  const toLB = (output: string, masq = false): PacketFlowTest => ({ name: 'external to LB', sourceIP: testExternalClient, destIP: '1.2.3.4', destPort: 80, output, masq });
  const READY: Cond = [true, true, false];
  const SERVING_TERMINATING: Cond = [false, true, true];
  const GONE: Cond = [false, false, true];

  it('TestTerminatingEndpointsTrafficPolicyCluster: ready endpoints exist', () => {
    const s = slice([['10.0.1.1', READY, testNodeName], ['10.0.1.2', READY, testNodeName], ['10.0.1.3', SERVING_TERMINATING, 'another-node'], ['10.0.1.4', GONE, 'another-node'], ['10.0.1.5', READY, 'another-node']]);
    expectFlows([service('Cluster')], [s], [toClusterIP('10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80'), toLB('10.0.1.1:80, 10.0.1.2:80, 10.0.1.5:80', true)]);
  });

  it('TestTerminatingEndpointsTrafficPolicyCluster: only terminating endpoints exist', () => {
    const s = slice([['10.0.1.2', SERVING_TERMINATING, testNodeName], ['10.0.1.3', SERVING_TERMINATING, testNodeName], ['10.0.1.4', GONE, 'another-node'], ['10.0.1.5', SERVING_TERMINATING, 'another-node']]);
    expectFlows([service('Cluster')], [s], [toClusterIP('10.0.1.2:80, 10.0.1.3:80, 10.0.1.5:80'), toLB('10.0.1.2:80, 10.0.1.3:80, 10.0.1.5:80', true)]);
  });

  it('TestTerminatingEndpointsTrafficPolicyCluster: terminating endpoints on remote node', () => {
    expectFlows([service('Cluster')], [slice([['10.0.1.5', SERVING_TERMINATING, 'node-1']])], [toClusterIP('10.0.1.5:80'), toLB('10.0.1.5:80', true)]);
  });

  it('no usable endpoints on any node (both policies)', () => {
    const s = slice([['10.0.1.5', GONE, testNodeName], ['10.0.1.5', GONE, 'node-1']]);
    expectFlows([service('Cluster')], [s], [toClusterIP('REJECT'), toLB('REJECT')]);
    expectFlows([service('Local')], [s], [toClusterIP('REJECT'), toLB('REJECT')]);
  });

  it('TestTerminatingEndpointsTrafficPolicyLocal: only terminating endpoints exist', () => {
    const s = slice([['10.0.1.2', SERVING_TERMINATING, testNodeName], ['10.0.1.3', SERVING_TERMINATING, testNodeName], ['10.0.1.4', GONE, testNodeName], ['10.0.1.5', READY, 'node-1']]);
    expectFlows([service('Local')], [s], [toClusterIP('10.0.1.5:80'), toLB('10.0.1.2:80, 10.0.1.3:80')]);
  });

  it('TestTerminatingEndpointsTrafficPolicyLocal: terminating endpoints on remote node', () => {
    expectFlows([service('Local')], [slice([['10.0.1.5', SERVING_TERMINATING, 'node-1']])], [toClusterIP('10.0.1.5:80'), toLB('DROP')]);
  });
});
