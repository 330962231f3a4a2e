// The Table as a whole, against what a real kube-apiserver sends kubectl
// (a captured `kubectl get pod hello-world -v 9` response from v1.29, whose
// shape is unchanged since), and the includeObject handling of
// apiserver/pkg/endpoints/handlers/response.go asTable.

import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../selectors/errors';
import type { Pod } from '../types';
import { columnDefinitionsFor, toTable, toTableForObject } from './table';

const now = new Date('2024-06-25T15:22:45Z');

const pod: Pod = {
  metadata: {
    annotations: { 'kubelab.io/note': 'x' },
    name: 'hello-world',
    namespace: 'default',
    uid: '0b295a7b-7365-44a0-a983-708112008c8b',
    resourceVersion: '279474',
    creationTimestamp: '2024-06-25T14:48:12Z',
    managedFields: [{ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'v1', time: '2024-06-25T14:48:12Z', fieldsType: 'FieldsV1', fieldsV1: {} }],
  },
  spec: { containers: [{ name: 'hello-world', image: 'gcr.io/google-samples/hello-app:1.0' }], nodeName: 'c1-node1' },
  status: {
    phase: 'Running',
    podIP: '10.0.15.103',
    podIPs: [{ ip: '10.0.15.103' }],
    conditions: [{ type: 'Ready', status: 'True' }],
    containerStatuses: [{ name: 'hello-world', ready: true, restartCount: 0, image: '', imageID: '', state: { running: { startedAt: '2024-06-25T15:19:26Z' } } }],
  },
};

const expectedPodColumns =
  '[{"name":"Name","type":"string","format":"name","description":"Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names","priority":0},' +
  '{"name":"Ready","type":"string","format":"","description":"The aggregate readiness state of this pod for accepting traffic.","priority":0},' +
  '{"name":"Status","type":"string","format":"","description":"The aggregate status of the containers in this pod.","priority":0},' +
  '{"name":"Restarts","type":"string","format":"","description":"The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.","priority":0},' +
  '{"name":"Age","type":"string","format":"","description":"CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\\n\\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata","priority":0},' +
  '{"name":"IP","type":"string","format":"","description":"podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.","priority":1},' +
  '{"name":"Node","type":"string","format":"","description":"NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename","priority":1},' +
  '{"name":"Nominated Node","type":"string","format":"","description":"nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.","priority":1},' +
  '{"name":"Readiness Gates","type":"string","format":"","description":"If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to \\"True\\" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates","priority":1}]';

describe('toTableForObject', () => {
  // Go's JSON encoder writes < and > as \u003c and \u003e; that is the
  // serializer's concern, so the capture is compared with them unescaped.
  it('answers `kubectl get pod hello-world` as the captured server did', () => {
    const table = toTableForObject('pods', pod, { now });
    expect(JSON.stringify(table)).toBe(
      '{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"279474"},"columnDefinitions":' +
        expectedPodColumns +
        ',"rows":[{"cells":["hello-world","1/1","Running","0","34m","10.0.15.103","c1-node1","\\u003cnone\\u003e","\\u003cnone\\u003e"]'
          .replace(/\\u003c/g, '<')
          .replace(/\\u003e/g, '>') +
        ',"object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"hello-world","namespace":"default","uid":"0b295a7b-7365-44a0-a983-708112008c8b","resourceVersion":"279474","creationTimestamp":"2024-06-25T14:48:12Z","annotations":{"kubelab.io/note":"x"},"managedFields":[{"manager":"kubectl-client-side-apply","operation":"Update","apiVersion":"v1","time":"2024-06-25T14:48:12Z","fieldsType":"FieldsV1","fieldsV1":{}}]}}}]}',
    );
  });
});

describe('toTable', () => {
  it('carries the list metadata and one row per object', () => {
    const table = toTable('pods', [pod, { ...pod, metadata: { ...pod.metadata, name: 'b' } }], {
      now,
      listMeta: { resourceVersion: '500', continue: 'abc', remainingItemCount: 3 },
    });
    expect(table.metadata).toEqual({ resourceVersion: '500', continue: 'abc', remainingItemCount: 3 });
    expect(table.rows.map((r) => r.cells[0])).toEqual(['hello-world', 'b']);
    expect(JSON.stringify(table.columnDefinitions)).toBe(expectedPodColumns);
  });

  it('an empty list has no rows and empty metadata when there is no resourceVersion', () => {
    const table = toTable('services', [], { now });
    expect(table).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: {}, rows: [] });
    expect(table.columnDefinitions.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0],
      ['Type', 0],
      ['Cluster-IP', 0],
      ['External-IP', 0],
      ['Port(s)', 0],
      ['Age', 0],
      ['Selector', 1],
    ]);
  });

  it('includeObject=None sends null objects; Object sends the full object with kind and apiVersion first', () => {
    expect(toTable('pods', [pod], { now, includeObject: 'None' }).rows[0]).toHaveProperty('object', null);
    const full = toTable('pods', [pod], { now, includeObject: 'Object' }).rows[0].object as Record<string, unknown>;
    expect(Object.keys(full).slice(0, 3)).toEqual(['kind', 'apiVersion', 'metadata']);
    expect(full).toMatchObject({ kind: 'Pod', apiVersion: 'v1', spec: pod.spec, status: pod.status });
    const rs = toTable('replicasets.apps', [{ metadata: { name: 'x' }, spec: { selector: {}, template: { spec: { containers: [] } } } }], { now, includeObject: 'Object' });
    expect(rs.rows[0].object).toMatchObject({ kind: 'ReplicaSet', apiVersion: 'apps/v1' });
  });

  it('rejects an unknown includeObject with a 400', () => {
    expect(() => toTable('pods', [pod], { now, includeObject: 'Everything' })).toThrow(BadRequestError);
    expect(() => toTable('pods', [pod], { now, includeObject: 'Everything' })).toThrow('unrecognized includeObject value: "Everything"');
  });

  it('noHeaders drops the column definitions; v1beta1 tables say so in both places', () => {
    const table = toTable('pods', [pod], { now, noHeaders: true, tableVersion: 'v1beta1' });
    expect(table.columnDefinitions).toEqual([]);
    expect(table.apiVersion).toBe('meta.k8s.io/v1beta1');
    expect(table.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1beta1' });
  });

  it('puts the Completed row condition before the object for finished pods', () => {
    const done: Pod = { ...pod, status: { phase: 'Succeeded', containerStatuses: [{ name: 'c', ready: false, restartCount: 0, image: '', imageID: '', state: { terminated: { exitCode: 0, reason: 'Completed' } } }] } };
    const row = toTable('pods', [done], { now }).rows[0];
    expect(Object.keys(row)).toEqual(['cells', 'conditions', 'object']);
    expect(row.conditions).toEqual([{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
  });

  it('prints every resource the lab serves wide, with its own columns', () => {
    const names = (r: string) => columnDefinitionsFor(r).map((c) => c.name.toUpperCase());
    expect(names('deployments')).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    expect(names('replicasets')).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    expect(names('endpoints')).toEqual(['NAME', 'ENDPOINTS', 'AGE']);
    expect(names('endpointslices.discovery.k8s.io')).toEqual(['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE']);
    expect(names('nodes')).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']);
    expect(names('namespaces')).toEqual(['NAME', 'STATUS', 'AGE']);
    expect(names('events')).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME']);
    expect(columnDefinitionsFor('events').filter((c) => c.priority === 0).map((c) => c.name)).toEqual(['Last Seen', 'Type', 'Reason', 'Object', 'Message']);
    const node = toTable('nodes', [{ metadata: { name: 'master', labels: { 'node-role.kubernetes.io/control-plane': '' }, creationTimestamp: '2024-06-25T15:00:00Z' }, spec: {}, status: { conditions: [{ type: 'Ready', status: 'True' }] } }], { now });
    expect(node.rows[0].cells).toEqual(['master', 'Ready', 'control-plane', '22m', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  });
});

describe('the default table (resources without a printer)', () => {
  it('has NAME and CREATED AT, as the apiserver default table convertor', () => {
    const table = toTable('configmaps', [{ metadata: { name: 'kube-root-ca.crt', creationTimestamp: '2024-06-25T14:48:12.5Z' } }, { metadata: { name: 'never' } }], { now });
    expect(table.columnDefinitions).toEqual([
      expect.objectContaining({ name: 'Name', type: 'string', format: 'name', priority: 0 }),
      expect.objectContaining({ name: 'Created At', type: 'date', format: '', priority: 0 }),
    ]);
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['kube-root-ca.crt', '2024-06-25T14:48:12Z'],
      ['never', '0001-01-01T00:00:00Z'],
    ]);
  });
});
