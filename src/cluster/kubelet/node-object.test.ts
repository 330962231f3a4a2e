import { describe, expect, it } from 'vitest';
import { nodeConditions, nodeObject, type NodeFacts } from './node-object';

const facts: NodeFacts = {
  name: 'master', ip: '10.100.0.104', podCIDR: '10.244.0.0/24', controlPlane: true, cpus: 2, memoryKi: 24_000_000,
  kernelVersion: '6.1.0', osImage: 'Debian GNU/Linux 12 (bookworm)', containerRuntimeVersion: 'docker://20.10.24', kubeletVersion: 'v1.35.2',
  machineID: 'abc', bootID: 'def', maxPods: 110,
};

describe('nodeObject', () => {
  it('marks and taints the control plane as kubeadm does', () => {
    const node = nodeObject(facts, '2026-01-01T00:00:00Z');
    expect(node.metadata.labels!['node-role.kubernetes.io/control-plane']).toBe('');
    expect(node.spec.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(node.status!.addresses).toEqual([{ type: 'InternalIP', address: '10.100.0.104' }, { type: 'Hostname', address: 'master' }]);
    expect(node.status!.daemonEndpoints).toEqual({ kubeletEndpoint: { Port: 10250 } });
  });

  it('leaves workers untainted', () => {
    const node = nodeObject({ ...facts, name: 'node1', controlPlane: false }, '2026-01-01T00:00:00Z');
    expect(node.spec.taints).toBeUndefined();
    expect(node.metadata.labels!['node-role.kubernetes.io/control-plane']).toBeUndefined();
  });
});

describe('nodeConditions', () => {
  it('keeps the transition time of a condition that did not change and moves the heartbeat', () => {
    const first = nodeConditions('2026-01-01T00:00:00Z');
    const later = nodeConditions('2026-01-01T00:00:10Z', first);
    const ready = later.find((c) => c.type === 'Ready')!;
    expect(ready).toMatchObject({ status: 'True', lastHeartbeatTime: '2026-01-01T00:00:10Z', lastTransitionTime: '2026-01-01T00:00:00Z' });
  });

  it('starts a new transition when the status changes', () => {
    const unknown = [{ type: 'Ready', status: 'Unknown' as const, lastTransitionTime: '2026-01-01T00:00:00Z' }];
    const ready = nodeConditions('2026-01-01T00:01:00Z', unknown).find((c) => c.type === 'Ready')!;
    expect(ready.lastTransitionTime).toBe('2026-01-01T00:01:00Z');
  });
});
