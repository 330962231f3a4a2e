import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Pod, Service } from '../../api/types';
import { reconcile } from './reconcile';

const service: Service = {
  metadata: { name: 'web', namespace: 'default', uid: 'svc-uid', labels: { app: 'web' } },
  spec: { selector: { app: 'web' }, clusterIP: '10.96.0.20', ipFamilies: ['IPv4'], ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] },
};
const nodes = new Map<string, Record<string, string>>([['node1', {}], ['node2', { 'topology.kubernetes.io/zone': 'z1' }]]);

function pod(n: number, o: { ready?: boolean; deleting?: boolean; node?: string } = {}): Pod {
  return {
    metadata: { name: `web-${n}`, namespace: 'default', uid: `uid-${n}`, labels: { app: 'web' }, deletionTimestamp: o.deleting ? '2026-01-01T00:00:00Z' : undefined },
    spec: { containers: [{ name: 'c' }], nodeName: o.node ?? 'node1' },
    status: { phase: 'Running', podIP: `10.244.${Math.floor(n / 250) + 1}.${(n % 250) + 2}`, conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
  };
}

/** What the server would have stored for a planned create. */
function stored(slice: EndpointSlice, name: string): EndpointSlice {
  return { ...structuredClone(slice), metadata: { ...structuredClone(slice.metadata), name, generateName: undefined, resourceVersion: '7' } };
}

describe('reconcile', () => {
  it('creates one slice for a new service, as upstream shapes it', () => {
    const plan = reconcile({ service, pods: [pod(1), pod(2, { node: 'node2' })], nodes, existing: [] });
    expect(plan.update).toEqual([]);
    expect(plan.delete).toEqual([]);
    expect(plan.create).toEqual([
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          generateName: 'web-',
          namespace: 'default',
          labels: { app: 'web', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
          ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-uid', controller: true, blockOwnerDeletion: true }],
        },
        addressType: 'IPv4',
        endpoints: [
          { addresses: ['10.244.1.3'], conditions: { ready: true, serving: true, terminating: false }, targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'uid-1' }, nodeName: 'node1' },
          { addresses: ['10.244.1.4'], conditions: { ready: true, serving: true, terminating: false }, targetRef: { kind: 'Pod', namespace: 'default', name: 'web-2', uid: 'uid-2' }, nodeName: 'node2', zone: 'z1' },
        ],
        ports: [{ name: '', port: 80, protocol: 'TCP' }],
      },
    ]);
  });

  it('keeps one empty placeholder slice for a service without endpoints', () => {
    const plan = reconcile({ service, pods: [], nodes, existing: [] });
    expect(plan.create).toHaveLength(1);
    expect(plan.create[0]!.endpoints).toBeNull();
    expect(plan.create[0]!.ports).toBeNull();
    const again = reconcile({ service, pods: [], nodes, existing: [stored(plan.create[0]!, 'web-abcde')] });
    expect(again).toEqual({ create: [], update: [], delete: [], missingNodes: [] });
  });

  it('updates the slice in place when a pod changes, and changes nothing when nothing changed', () => {
    const first = stored(reconcile({ service, pods: [pod(1), pod(2)], nodes, existing: [] }).create[0]!, 'web-abcde');
    expect(reconcile({ service, pods: [pod(1), pod(2)], nodes, existing: [first] })).toEqual({ create: [], update: [], delete: [], missingNodes: [] });
    const plan = reconcile({ service, pods: [pod(1), pod(2, { deleting: true, ready: true })], nodes, existing: [first] });
    expect(plan.create).toEqual([]);
    expect(plan.update).toHaveLength(1);
    expect(plan.update[0]!.metadata.name).toBe('web-abcde');
    expect(plan.update[0]!.endpoints![1]!.conditions).toEqual({ ready: false, serving: true, terminating: true });
  });

  it('turns the last slice into the placeholder when every pod is gone', () => {
    const first = stored(reconcile({ service, pods: [pod(1)], nodes, existing: [] }).create[0]!, 'web-abcde');
    const plan = reconcile({ service, pods: [], nodes, existing: [first] });
    expect(plan.create).toEqual([]);
    expect(plan.delete).toEqual([]);
    expect(plan.update).toHaveLength(1);
    expect(plan.update[0]).toMatchObject({ metadata: { name: 'web-abcde', resourceVersion: '7' }, endpoints: null, ports: null });
  });

  it('puts at most 100 endpoints in a slice', () => {
    const pods = Array.from({ length: 150 }, (_, i) => pod(i));
    const plan = reconcile({ service, pods, nodes, existing: [] });
    expect(plan.create.map((s) => s.endpoints!.length)).toEqual([100, 50]);
  });

  it('leaves out pods on unknown nodes and says so', () => {
    const plan = reconcile({ service, pods: [pod(1, { node: 'ghost' })], nodes, existing: [] });
    expect(plan.missingNodes).toEqual(['ghost']);
    expect(plan.create[0]!.endpoints).toBeNull();
  });

  it('follows the service labels and marks headless services', () => {
    const first = stored(reconcile({ service, pods: [pod(1)], nodes, existing: [] }).create[0]!, 'web-abcde');
    const relabeled = { ...service, metadata: { ...service.metadata, labels: { app: 'web', tier: 'fe' } }, spec: { ...service.spec, clusterIP: 'None' } };
    const plan = reconcile({ service: relabeled, pods: [pod(1)], nodes, existing: [first] });
    expect(plan.update[0]!.metadata.labels).toEqual({ app: 'web', tier: 'fe', 'service.kubernetes.io/headless': '', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
  });

  it('deletes slices of another owner (a service recreated with the same name)', () => {
    const old = stored(reconcile({ service: { ...service, metadata: { ...service.metadata, uid: 'old' } }, pods: [pod(1)], nodes, existing: [] }).create[0]!, 'web-old');
    const plan = reconcile({ service, pods: [pod(1)], nodes, existing: [old] });
    expect(plan.delete.map((s) => s.metadata.name)).toEqual(['web-old']);
    expect(plan.create).toHaveLength(1);
  });
});
