import { describe, expect, it } from 'vitest';
import type { Node, Service } from '../../api/types';
import { balancerNodes, ensureRequest, needsCleanup, wantsLoadBalancer } from './plan';

const svc = (o: Partial<Service['spec']> = {}, meta: Partial<Service['metadata']> = {}): Service => ({
  metadata: { name: 'web', namespace: 'default', uid: 'u1', ...meta },
  spec: { type: 'LoadBalancer', ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30200 }], ...o },
});
const node = (name: string, ip: string, labels: Record<string, string> = {}): Node => ({ metadata: { name, labels }, spec: {}, status: { addresses: [{ type: 'InternalIP', address: ip }] } });

describe('service controller plan', () => {
  it('wants a balancer for type LoadBalancer without a class', () => {
    expect(wantsLoadBalancer(svc())).toBe(true);
    expect(wantsLoadBalancer(svc({ loadBalancerClass: 'other.example/lb' }))).toBe(false);
    expect(wantsLoadBalancer(svc({ type: 'NodePort' }))).toBe(false);
  });

  it('cleans up only what it made, when the service goes or changes type', () => {
    const fin = { finalizers: ['service.kubernetes.io/load-balancer-cleanup'] };
    expect(needsCleanup(svc({}, fin))).toBe(false);
    expect(needsCleanup(svc({ type: 'ClusterIP' }, fin))).toBe(true);
    expect(needsCleanup(svc({}, { ...fin, deletionTimestamp: 'x' }))).toBe(true);
    expect(needsCleanup(svc({ type: 'ClusterIP' }))).toBe(false);
  });

  it('forwards to every node but the excluded ones', () => {
    const nodes = [node('node2', '10.100.0.102'), node('master', '10.100.0.104', { 'node.kubernetes.io/exclude-from-external-load-balancers': '' }), node('node1', '10.100.0.101')];
    expect(balancerNodes(nodes)).toEqual(['10.100.0.101', '10.100.0.102']);
  });

  it('asks the cloud for the ports, nodes and requested address', () => {
    expect(ensureRequest(svc({ loadBalancerIP: '10.100.0.245', loadBalancerSourceRanges: ['10.100.0.200/32'] }), ['10.100.0.101'])).toEqual({
      nodePorts: [{ port: 80, protocol: 'TCP', nodePort: 30200 }],
      nodes: ['10.100.0.101'],
      loadBalancerIP: '10.100.0.245',
      sourceRanges: ['10.100.0.200/32'],
    });
  });
});
