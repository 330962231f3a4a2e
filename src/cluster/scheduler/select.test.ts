import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../api/types';
import { schedulePod } from './select';

function node(name: string, o: { taints?: Node['spec']['taints']; labels?: Record<string, string>; ready?: 'True' | 'False' | 'Unknown'; unschedulable?: boolean; cpu?: string; pods?: string } = {}): Node {
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(o.labels ?? {}) } },
    spec: { taints: o.taints, unschedulable: o.unschedulable },
    status: { allocatable: { cpu: o.cpu ?? '2', memory: '4Gi', pods: o.pods ?? '110' }, conditions: [{ type: 'Ready', status: o.ready ?? 'True' }] },
  };
}

const cp = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const };
const cluster = () => [node('master', { taints: [cp] }), node('node1'), node('node2')];

function pod(name: string, spec: Partial<Pod['spec']> = {}, owner?: string): Pod {
  return {
    metadata: { name, namespace: 'default', ownerReferences: owner ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: owner, controller: true }] : undefined },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
  };
}

describe('schedulePod', () => {
  it('explains a pod that fits nowhere exactly as upstream does', () => {
    const d = schedulePod(pod('web', { nodeSelector: { disk: 'ssd' } }), cluster(), new Map());
    // master fails on its taint first; the workers on the selector.
    expect(d).toEqual({ error: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn\'t match Pod\'s node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.' });
  });

  it('says so when there are no nodes at all', () => {
    expect(schedulePod(pod('web'), [], new Map())).toEqual({ error: 'no nodes available to schedule pods' });
  });

  it('counts resource failures as something preemption might fix', () => {
    const d = schedulePod(pod('big', { containers: [{ name: 'c', resources: { requests: { cpu: '3' } } }] }), cluster(), new Map());
    expect(d).toEqual({ error: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.' });
  });

  it('keeps pods off nodes that are not ready, cordoned or full', () => {
    const nodes = [node('node1', { ready: 'Unknown' }), node('node2', { unschedulable: true }), node('node3', { pods: '1' })];
    const d = schedulePod(pod('web'), nodes, new Map([['node3', [pod('x')]]]));
    expect(d).toEqual({ error: '0/3 nodes are available: 1 Too many pods, 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.' });
  });

  it('lets tolerations, selectors and affinity place a pod', () => {
    const tolerating = pod('dns', { tolerations: [{ key: cp.key, effect: 'NoSchedule' }], nodeSelector: { 'kubernetes.io/hostname': 'master' } });
    expect(schedulePod(tolerating, cluster(), new Map())).toEqual({ node: 'master' });
    const affinity = pod('a', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node2'] }] }] } } } });
    expect(schedulePod(affinity, cluster(), new Map())).toEqual({ node: 'node2' });
  });

  it('spreads replicas of one owner, then evens out the nodes', () => {
    const byNode = new Map([['node1', [pod('a', {}, 'rs1')]], ['node2', [pod('x'), pod('y')]]]);
    // node1 already has a replica of rs1: node2 wins although it is busier.
    expect(schedulePod(pod('b', {}, 'rs1'), cluster(), byNode)).toEqual({ node: 'node2' });
    // Another owner: the emptier node.
    expect(schedulePod(pod('c', {}, 'rs2'), cluster(), byNode)).toEqual({ node: 'node1' });
  });

  it('breaks ties at random', () => {
    expect(schedulePod(pod('a'), cluster(), new Map(), () => 0)).toEqual({ node: 'node1' });
    expect(schedulePod(pod('a'), cluster(), new Map(), () => 0.99)).toEqual({ node: 'node2' });
  });

  it('refuses a host port already taken on the node', () => {
    const withPort = (n: string) => pod(n, { containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 8080 }] }] });
    const d = schedulePod(withPort('b'), [node('node1')], new Map([['node1', [withPort('a')]]]));
    expect(d).toEqual({ error: "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod." });
  });
});
