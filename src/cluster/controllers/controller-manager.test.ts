// The controllers against our real API server, in-process over the memory store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deployment, Endpoints, EndpointSlice, Event, Pod, ReplicaSet, Service } from '../api/types';
import { R } from '../client/rest';
import { startTestApiServer, type TestApiServer } from '../testing/apiserver';
import { createNode, markPodRunning, testNode } from '../testing/objects';
import { waitFor } from '../testing/wait';
import { startControllerManager, type ControllerManager } from './manager';

let api: TestApiServer;
let cm: ControllerManager;

beforeEach(async () => {
  api = await startTestApiServer();
  cm = startControllerManager({ client: api.client });
  await cm.ready;
});

afterEach(async () => {
  await cm.stop();
  await api.close();
});

const deployment = (name: string, replicas: number, image = 'nginx:1.14'): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }] }] } } },
});

const pods = async (selector: string): Promise<Pod[]> => (await api.client.list<Pod>(R.pods, { namespace: 'default', labelSelector: selector })).items;

describe('deployment and replicaset controllers', () => {
  it('turn a new deployment into a ReplicaSet and its pods within a fraction of a second', async () => {
    const started = performance.now();
    await api.client.create(R.deployments, 'default', deployment('web', 3));
    const made = await waitFor(async () => ((await pods('app=web')).length === 3 ? pods('app=web') : undefined), { what: '3 pods' });
    expect(performance.now() - started).toBeLessThan(1000);
    const [rs] = (await api.client.list<ReplicaSet>(R.replicasets, { namespace: 'default' })).items;
    expect(rs!.metadata.name).toMatch(/^web-[456789bcdf]{6,10}$/);
    for (const p of made) {
      expect(p.metadata.name).toMatch(new RegExp(`^${rs!.metadata.name}-[a-z0-9]{5}$`));
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs!.metadata.name, uid: rs!.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      expect(p.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': rs!.metadata.labels!['pod-template-hash'] });
    }
    await waitFor(async () => (await api.client.get<Deployment>(R.deployments, 'default', 'web')).metadata.annotations?.['deployment.kubernetes.io/revision'] === '1', { what: 'revision annotation' });
    await cm.flushEvents();
    const events = (await api.client.list<Event>(R.events, { namespace: 'default' })).items;
    expect(events.filter((e) => e.reason === 'SuccessfulCreate').map((e) => e.message).sort()).toEqual(made.map((p) => `Created pod: ${p.metadata.name}`).sort());
    expect(events.find((e) => e.reason === 'ScalingReplicaSet')).toMatchObject({ message: `Scaled up replica set ${rs!.metadata.name} from 0 to 3`, source: { component: 'deployment-controller' }, involvedObject: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' } });
  });

  it('scales down, deleting pods, and reports availability from ready pods', async () => {
    await api.client.create(R.deployments, 'default', deployment('web', 3));
    const made = await waitFor(async () => ((await pods('app=web')).length === 3 ? pods('app=web') : undefined));
    for (const [i, p] of made.entries()) await markPodRunning(api.client, p, `10.244.1.${10 + i}`);
    await waitFor(async () => (await api.client.get<Deployment>(R.deployments, 'default', 'web')).status?.availableReplicas === 3, { what: 'available 3' });
    const d = await api.client.get<Deployment>(R.deployments, 'default', 'web');
    expect(d.status?.conditions?.map((c) => `${c.type}/${c.reason}`)).toEqual(['Available/MinimumReplicasAvailable', 'Progressing/NewReplicaSetAvailable']);
    await api.client.patch(R.deployments, 'default', 'web', { spec: { replicas: 1 } });
    // Pods never scheduled go at once; these have no node, so the API server removes them immediately.
    await waitFor(async () => (await pods('app=web')).length === 1, { what: 'one pod left' });
  });

  it('rolls out a new template: a second ReplicaSet grows as the first shrinks', async () => {
    await api.client.create(R.deployments, 'default', deployment('web', 2));
    const first = await waitFor(async () => ((await pods('app=web')).length === 2 ? pods('app=web') : undefined));
    for (const [i, p] of first.entries()) await markPodRunning(api.client, p, `10.244.1.${10 + i}`);
    await waitFor(async () => (await api.client.get<Deployment>(R.deployments, 'default', 'web')).status?.availableReplicas === 2);
    await api.client.patch(R.deployments, 'default', 'web', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.15', ports: [{ containerPort: 80 }] }] } } } });
    // Mark every new pod ready as it appears, as kubelets would.
    const seen = new Set(first.map((p) => p.metadata.name));
    let n = 20;
    await waitFor(async () => {
      for (const p of await pods('app=web')) {
        if (seen.has(p.metadata.name)) continue;
        seen.add(p.metadata.name);
        await markPodRunning(api.client, p, `10.244.1.${n++}`);
      }
      const d = await api.client.get<Deployment>(R.deployments, 'default', 'web');
      return d.status?.observedGeneration === d.metadata.generation && d.status?.updatedReplicas === 2 && d.status.availableReplicas === 2 && d.status.replicas === 2;
    }, { what: 'rollout', timeoutMs: 5000 });
    const sets = (await api.client.list<ReplicaSet>(R.replicasets, { namespace: 'default' })).items;
    expect(sets.map((rs) => [rs.metadata.annotations?.['deployment.kubernetes.io/revision'], rs.spec.replicas]).sort()).toEqual([['1', 0], ['2', 2]]);
  });
});

describe('endpoints and endpointslice controllers', () => {
  it('publish ready pods of a service, and follow readiness', async () => {
    await createNode(api.client, testNode('node1', '10.100.0.101'));
    await api.client.create(R.services, 'default', { metadata: { name: 'web', labels: { app: 'web' } }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] } } as Service);
    const p1 = await api.client.create<Pod>(R.pods, 'default', { metadata: { name: 'web-1', labels: { app: 'web' } }, spec: { nodeName: 'node1', containers: [{ name: 'nginx', image: 'nginx' }] } });
    const placeholder = await waitFor(async () => (await api.client.list<EndpointSlice>(R.endpointslices, { namespace: 'default', labelSelector: 'kubernetes.io/service-name=web' })).items[0]);
    expect(placeholder.endpoints ?? null).toBeNull();

    const t = performance.now();
    await markPodRunning(api.client, p1, '10.244.1.5');
    const ep = await waitFor(async () => {
      const e = await api.client.get<Endpoints>(R.endpoints, 'default', 'web').catch(() => undefined);
      return e?.subsets?.[0]?.addresses?.length ? e : undefined;
    });
    const slice = await waitFor(async () => {
      const s = (await api.client.list<EndpointSlice>(R.endpointslices, { namespace: 'default', labelSelector: 'kubernetes.io/service-name=web' })).items;
      return s.length === 1 && s[0]!.endpoints?.length ? s[0] : undefined;
    });
    expect(performance.now() - t).toBeLessThan(500);
    expect(ep.metadata.labels).toEqual({ app: 'web' });
    expect(ep.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(ep.subsets).toEqual([{ addresses: [{ ip: '10.244.1.5', nodeName: 'node1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: p1.metadata.uid } }], ports: [{ port: 80, protocol: 'TCP' }] }]);
    expect(slice.metadata.name).toBe(placeholder.metadata.name);
    expect(slice.metadata.labels).toEqual({ app: 'web', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    expect(slice.endpoints).toEqual([{ addresses: ['10.244.1.5'], conditions: { ready: true, serving: true, terminating: false }, targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: p1.metadata.uid }, nodeName: 'node1' }]);
    expect(slice.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);

    await markPodRunning(api.client, p1, '10.244.1.5', false);
    await waitFor(async () => (await api.client.get<Endpoints>(R.endpoints, 'default', 'web')).subsets?.[0]?.notReadyAddresses?.length === 1, { what: 'not ready address' });
  });

  it('leave services without a selector alone', async () => {
    await api.client.create(R.services, 'default', { metadata: { name: 'ext' }, spec: { ports: [{ port: 80 }] } } as Service);
    await api.client.create(R.endpoints, 'default', { metadata: { name: 'ext' }, subsets: [{ addresses: [{ ip: '10.100.0.250' }], ports: [{ port: 80 }] }] } as Endpoints);
    await new Promise((r) => setTimeout(r, 100));
    expect((await api.client.get<Endpoints>(R.endpoints, 'default', 'ext')).subsets?.[0]?.addresses).toEqual([{ ip: '10.100.0.250' }]);
    expect((await api.client.list(R.endpointslices, { namespace: 'default', labelSelector: 'kubernetes.io/service-name=ext' })).items).toEqual([]);
  });
});

describe('garbage collector', () => {
  const rsCount = async () => (await api.client.list(R.replicasets, { namespace: 'default' })).items.length;

  it('deletes the ReplicaSet and pods of a deleted deployment (Background)', async () => {
    await api.client.create(R.deployments, 'default', deployment('web', 2));
    await waitFor(async () => (await pods('app=web')).length === 2);
    await api.client.delete(R.deployments, 'default', 'web', { propagationPolicy: 'Background' });
    await waitFor(async () => (await rsCount()) === 0 && (await pods('app=web')).length === 0, { what: 'dependents gone' });
  });

  it('deletes dependents first in the foreground, then the owner', async () => {
    await api.client.create(R.deployments, 'default', deployment('web', 2));
    await waitFor(async () => (await pods('app=web')).length === 2);
    const marked = await api.client.delete(R.deployments, 'default', 'web', { propagationPolicy: 'Foreground' }) as Deployment;
    expect(marked.metadata.finalizers).toEqual(['foregroundDeletion']);
    await waitFor(async () => {
      const gone = await api.client.get(R.deployments, 'default', 'web').then(() => false, () => true);
      return gone && (await rsCount()) === 0 && (await pods('app=web')).length === 0;
    }, { what: 'foreground deletion' });
  });

  it('sets dependents free when the owner is deleted with Orphan', async () => {
    await api.client.create(R.deployments, 'default', deployment('web', 2));
    await waitFor(async () => (await pods('app=web')).length === 2);
    await api.client.delete(R.deployments, 'default', 'web', { propagationPolicy: 'Orphan' });
    await waitFor(async () => api.client.get(R.deployments, 'default', 'web').then(() => false, () => true), { what: 'owner gone' });
    const [rs] = (await api.client.list<ReplicaSet>(R.replicasets, { namespace: 'default' })).items;
    expect(rs!.metadata.ownerReferences).toBeUndefined();
    expect(await pods('app=web')).toHaveLength(2);
  });
});

describe('namespace controller', () => {
  it('empties a deleted namespace, then finalizes it away', async () => {
    await api.client.create(R.namespaces, undefined, { metadata: { name: 'demo' } });
    await api.client.create(R.deployments, 'demo', deployment('web', 2));
    await api.client.create(R.services, 'demo', { metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } } as Service);
    await waitFor(async () => (await api.client.list(R.pods, { namespace: 'demo' })).items.length === 2);
    const started = performance.now();
    await api.client.delete(R.namespaces, undefined, 'demo');
    await waitFor(async () => api.client.get(R.namespaces, undefined, 'demo').then(() => false, () => true), { what: 'namespace gone' });
    expect(performance.now() - started).toBeLessThan(3000);
    for (const r of [R.pods, R.replicasets, R.deployments, R.services, R.endpoints, R.endpointslices]) {
      expect((await api.client.list(r, { namespace: 'demo' })).items).toEqual([]);
    }
  });
});

describe('node lifecycle', () => {
  it('marks a silent node Unknown, taints it, marks its pods not ready and evicts them after tolerationSeconds', async () => {
    await cm.stop();
    cm = startControllerManager({ client: api.client, nodeMonitorGracePeriodMs: 300, nodeMonitorPeriodMs: 50, controllers: ['nodelifecycle', 'tainteviction'] });
    await cm.ready;
    await createNode(api.client, testNode('node1', '10.100.0.101'));
    const pod = await api.client.create<Pod>(R.pods, 'default', {
      metadata: { name: 'web-1' },
      spec: { nodeName: 'node1', containers: [{ name: 'c', image: 'nginx' }], tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 1 }] },
    });
    await markPodRunning(api.client, pod, '10.244.1.5');
    const node = await waitFor(async () => {
      const n = await api.client.get<import('../api/types').Node>(R.nodes, undefined, 'node1');
      return n.spec.taints?.some((t) => t.effect === 'NoExecute') ? n : undefined;
    }, { what: 'unreachable taints' });
    expect(node.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(node.spec.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    await waitFor(async () => (await api.client.get<Pod>(R.pods, 'default', 'web-1')).status?.conditions?.find((c) => c.type === 'Ready')?.status === 'False', { what: 'pod not ready' });
    const evicted = await waitFor(async () => {
      const p = await api.client.get<Pod>(R.pods, 'default', 'web-1');
      return p.metadata.deletionTimestamp ? p : undefined;
    }, { what: 'eviction', timeoutMs: 3000 });
    expect(evicted.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
    await cm.flushEvents();
    const reasons = (await api.client.list<Event>(R.events, { namespace: 'default' })).items.map((e) => `${e.involvedObject.kind} ${e.reason} ${e.message}`);
    expect(reasons).toEqual(expect.arrayContaining([
      'Node RegisteredNode Node node1 event: Registered Node node1 in Controller',
      'Node NodeNotReady Node node1 status is now: NodeNotReady',
      'Pod NodeNotReady Node is not ready',
      'Pod TaintManagerEviction Marking for deletion Pod default/web-1',
    ]));
  });
});

describe('service controller (LoadBalancer)', () => {
  async function withCloud(answer: (method: string, url: string, body: unknown) => { code: number; body?: unknown }) {
    const http = await import('node:http');
    const calls: string[] = [];
    const server = http.createServer((req, res) => {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        const body = text ? JSON.parse(text) : undefined;
        calls.push(`${req.method} ${req.url}${body ? ` ${JSON.stringify(body)}` : ''}`);
        const a = answer(req.method!, req.url!, body);
        res.writeHead(a.code, { 'content-type': 'application/json' });
        res.end(a.body === undefined ? '' : JSON.stringify(a.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as import('node:net').AddressInfo).port;
    await cm.stop();
    cm = startControllerManager({ client: api.client, controllers: ['service'], cloudEndpoint: `http://127.0.0.1:${port}`, serviceRetryDelayMs: { min: 20, max: 40 } });
    await cm.ready;
    return { calls, close: () => new Promise<void>((r) => server.close(() => r())) };
  }

  const lbService = (): Service => ({ metadata: { name: 'web' }, spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80, nodePort: 30200 }] } });
  const events = async () => {
    await cm.flushEvents();
    return (await api.client.list<Event>(R.events, { namespace: 'default' })).items.filter((e) => e.involvedObject.kind === 'Service').map((e) => `${e.reason}: ${e.message}`);
  };

  it('gets an address from the cloud, writes it to the status and gives it back on delete', async () => {
    let up = true;
    const cloud = await withCloud((method) => (method === 'POST' ? { code: 200, body: { ip: '10.100.0.240' } } : method === 'GET' ? { code: 200, body: { items: up ? [{ namespace: 'default', name: 'web', ip: '10.100.0.240' }] : [] } } : { code: 200, body: {} }));
    await createNode(api.client, testNode('node1', '10.100.0.101'));
    await createNode(api.client, testNode('node2', '10.100.0.102'));
    await createNode(api.client, testNode('master', '10.100.0.104', { labels: { 'node.kubernetes.io/exclude-from-external-load-balancers': '' } }));
    await api.client.create(R.services, 'default', lbService());
    const svc = await waitFor(async () => {
      const s = await api.client.get<Service>(R.services, 'default', 'web');
      return s.status?.loadBalancer?.ingress?.length ? s : undefined;
    }, { what: 'ingress' });
    expect(svc.status?.loadBalancer?.ingress).toEqual([{ ip: '10.100.0.240', ipMode: 'VIP' }]);
    expect(svc.metadata.finalizers).toEqual(['service.kubernetes.io/load-balancer-cleanup']);
    expect(cloud.calls.find((c) => c.startsWith('POST'))).toBe('POST /loadbalancers/default/web {"nodePorts":[{"port":80,"protocol":"TCP","nodePort":30200}],"nodes":["10.100.0.101","10.100.0.102"]}');
    expect(await events()).toEqual(['EnsuringLoadBalancer: Ensuring load balancer', 'EnsuredLoadBalancer: Ensured load balancer']);

    await api.client.delete(R.services, 'default', 'web');
    await waitFor(async () => api.client.get(R.services, 'default', 'web').then(() => false, () => true), { what: 'service gone' });
    up = false;
    expect(cloud.calls.at(-1)).toBe('DELETE /loadbalancers/default/web');
    expect(await events()).toEqual(expect.arrayContaining(['DeletingLoadBalancer: Deleting load balancer', 'DeletedLoadBalancer: Deleted load balancer']));
    await cloud.close();
  });

  it('leaves EXTERNAL-IP pending and says why while the cloud fails', async () => {
    const cloud = await withCloud(() => ({ code: 409, body: { error: 'no free load balancer address in 10.100.0.240-10.100.0.249' } }));
    await api.client.create(R.services, 'default', lbService());
    await waitFor(async () => (await events()).some((e) => e.startsWith('SyncLoadBalancerFailed')), { what: 'failure event' });
    expect(await events()).toContain('SyncLoadBalancerFailed: Error syncing load balancer: failed to ensure load balancer: no free load balancer address in 10.100.0.240-10.100.0.249');
    expect((await api.client.get<Service>(R.services, 'default', 'web')).status?.loadBalancer?.ingress).toBeUndefined();
    await cloud.close();
  });
});

describe('pod garbage collector', () => {
  it('force-deletes pods bound to a node that was deleted, after the quarantine', async () => {
    await cm.stop();
    cm = startControllerManager({ client: api.client, controllers: ['podgc'], podGCPeriodMs: 50, podGCQuarantineMs: 200 });
    await cm.ready;
    await createNode(api.client, testNode('node9', '10.100.0.109'));
    const pod = await api.client.create<Pod>(R.pods, 'default', { metadata: { name: 'stray' }, spec: { nodeName: 'node9', containers: [{ name: 'c', image: 'nginx' }] } });
    await markPodRunning(api.client, pod, '10.244.9.9');
    await api.client.delete(R.nodes, undefined, 'node9');
    const started = Date.now();
    await waitFor(async () => api.client.get(R.pods, 'default', 'stray').then(() => false, () => true), { what: 'pod gone', timeoutMs: 3000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });
});

describe('endpoints of a deleted service', () => {
  it('go with the service', async () => {
    await api.client.create(R.services, 'default', { metadata: { name: 'tmp' }, spec: { clusterIP: 'None', selector: { app: 'x' }, ports: [{ port: 80 }] } } as Service);
    const ep = await waitFor(() => api.client.get<Endpoints>(R.endpoints, 'default', 'tmp').catch(() => undefined));
    expect(ep.metadata.labels).toEqual({ 'service.kubernetes.io/headless': '' });
    await api.client.delete(R.services, 'default', 'tmp');
    await waitFor(async () => api.client.get(R.endpoints, 'default', 'tmp').then(() => false, () => true), { what: 'endpoints gone' });
    await waitFor(async () => (await api.client.list(R.endpointslices, { namespace: 'default', labelSelector: 'kubernetes.io/service-name=tmp' })).items.length === 0, { what: 'slices gone (garbage collector)' });
  });
});
