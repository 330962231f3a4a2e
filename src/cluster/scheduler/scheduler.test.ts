// The scheduler against our real API server, in-process.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Event, Node, Pod } from '../api/types';
import { R } from '../client/rest';
import { startControllerManager, type ControllerManager } from '../controllers/manager';
import { startTestApiServer, type TestApiServer } from '../testing/apiserver';
import { createNode, testNode } from '../testing/objects';
import { waitFor } from '../testing/wait';
import { Scheduler } from './scheduler';

let api: TestApiServer;
let scheduler: Scheduler;

beforeEach(async () => {
  api = await startTestApiServer();
  await createNode(api.client, testNode('master', '10.100.0.104', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }));
  await createNode(api.client, testNode('node1', '10.100.0.101'));
  await createNode(api.client, testNode('node2', '10.100.0.102'));
  scheduler = new Scheduler({ client: api.client });
  await scheduler.start();
});

afterEach(async () => {
  scheduler.stop();
  await api.close();
});

const events = async (reason: string) => {
  await scheduler.flushEvents();
  return (await api.client.list<Event>(R.events, { namespace: 'default' })).items.filter((e) => e.reason === reason);
};

describe('Scheduler', () => {
  it('binds a deployment\'s pods across the workers and says so', async () => {
    const cm: ControllerManager = startControllerManager({ client: api.client, controllers: ['deployment', 'replicaset'] });
    await cm.ready;
    try {
      const started = performance.now();
      await api.client.create(R.deployments, 'default', { metadata: { name: 'web' }, spec: { replicas: 4, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } } });
      const pods = await waitFor(async () => {
        const items = (await api.client.list<Pod>(R.pods, { namespace: 'default' })).items;
        return items.length === 4 && items.every((p) => p.spec.nodeName) ? items : undefined;
      }, { what: 'bound pods' });
      expect(performance.now() - started).toBeLessThan(1000);
      const perNode = pods.reduce((m, p) => m.set(p.spec.nodeName!, (m.get(p.spec.nodeName!) ?? 0) + 1), new Map<string, number>());
      expect(Object.fromEntries(perNode)).toEqual({ node1: 2, node2: 2 });
      for (const p of pods) expect(p.status?.conditions?.find((c) => c.type === 'PodScheduled')?.status).toBe('True');
      const scheduled = await events('Scheduled');
      expect(scheduled.map((e) => e.message).sort()).toEqual(pods.map((p) => `Successfully assigned default/${p.metadata.name} to ${p.spec.nodeName}`).sort());
      expect(scheduled[0]).toMatchObject({ type: 'Normal', source: { component: 'default-scheduler' }, reportingComponent: 'default-scheduler' });
    } finally {
      await cm.stop();
    }
  });

  it('leaves a pod that fits nowhere Pending with the reason, and places it when a node fits', async () => {
    await api.client.create(R.pods, 'default', { metadata: { name: 'ssd' }, spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'c', image: 'nginx' }] } });
    const message = "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    const pending = await waitFor(async () => {
      const p = await api.client.get<Pod>(R.pods, 'default', 'ssd');
      return p.status?.conditions?.some((c) => c.type === 'PodScheduled') ? p : undefined;
    }, { what: 'PodScheduled condition' });
    expect(pending.status?.conditions?.find((c) => c.type === 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    expect((await events('FailedScheduling')).map((e) => [e.type, e.message])).toEqual([['Warning', message]]);

    await api.client.patch(R.nodes, undefined, 'node2', { metadata: { labels: { disk: 'ssd' } } });
    // A node change retries at once, after the pod's backoff (1 s) at most.
    const bound = await waitFor(async () => (await api.client.get<Pod>(R.pods, 'default', 'ssd')).spec.nodeName, { what: 'binding', timeoutMs: 3000 });
    expect(bound).toBe('node2');
  });

  it('never touches pods of another scheduler', async () => {
    await api.client.create(R.pods, 'default', { metadata: { name: 'other' }, spec: { schedulerName: 'my-scheduler', containers: [{ name: 'c', image: 'nginx' }] } });
    await new Promise((r) => setTimeout(r, 100));
    expect((await api.client.get<Pod>(R.pods, 'default', 'other')).spec.nodeName).toBeUndefined();
  });

  it('does not count a not-ready node', async () => {
    const node = await api.client.get<Node>(R.nodes, undefined, 'node1');
    node.status!.conditions![0]!.status = 'False';
    await api.client.update(R.nodes, node, 'status');
    await waitFor(() => scheduler.nodes.get(undefined, 'node1')?.status?.conditions?.[0]?.status === 'False');
    // Several pods: a random tie-break alone would put some on node1.
    for (const name of ['p1', 'p2', 'p3', 'p4']) await api.client.create(R.pods, 'default', { metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    const nodes = await waitFor(async () => {
      const items = (await api.client.list<Pod>(R.pods, { namespace: 'default' })).items;
      return items.every((p) => p.spec.nodeName) ? items.map((p) => p.spec.nodeName) : undefined;
    });
    expect(nodes).toEqual(['node2', 'node2', 'node2', 'node2']);
  });
});
