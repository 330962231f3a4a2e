// The node lifecycle controller (pkg/controller/nodelifecycle): every
// --node-monitor-period it checks that each kubelet still posts status; a
// node silent for --node-monitor-grace-period goes Unknown, its pods are
// marked not ready, and (on every node change) the condition taints follow.
import type { Node, Pod, PodCondition } from '../../api/types';
import type { EventRecorder } from '../../client/events';
import type { Informer } from '../../client/informer';
import { runWorkers, WorkQueue } from '../../client/queue';
import { R, isConflict, isNotFound } from '../../client/rest';
import type { Controller, ControllerContext } from '../framework/controller';
import { apiMessage } from '../framework/errors';
import { KIND } from '../framework/kinds';
import { clone, rfc3339 } from '../framework/objects';
import { objectReference } from '../../client/events';
import { NodeHealthTracker, reconcileTaints, silentNodeConditions } from './health';

export interface NodeLifecycleOptions {
  gracePeriodMs?: number;
  monitorPeriodMs?: number;
  /** A node that never posted status gets this long (--node-startup-grace-period). */
  startupGracePeriodMs?: number;
}

const readyStatus = (n: Node): string | undefined => n.status?.conditions?.find((c) => c.type === 'Ready')?.status;

export class NodeLifecycleController implements Controller {
  readonly name = 'node-lifecycle-controller';
  private readonly taintQueue = new WorkQueue();
  private readonly nodes: Informer<Node>;
  private readonly pods: Informer<Pod>;
  private readonly recorder: EventRecorder;
  private readonly health = new NodeHealthTracker();
  private readonly known = new Set<string>();
  private readonly retryPods = new Set<string>();
  private timer?: NodeJS.Timeout;
  private monitoring = false;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly options: NodeLifecycleOptions = {},
  ) {
    this.nodes = ctx.informers.get<Node>(R.nodes);
    this.pods = ctx.informers.get<Pod>(R.pods);
    this.recorder = ctx.recorder({ component: 'node-controller' });
    this.nodes.on({
      add: (n) => this.taintQueue.add(n.metadata.name!),
      update: (n) => this.taintQueue.add(n.metadata.name!),
      delete: (n) => this.forget(n),
    });
  }

  run(): void {
    runWorkers(this.taintQueue, 1, (name) => this.syncTaints(name), (line) => this.ctx.log(`nodelifecycle: ${line}`));
    void this.monitor();
    this.timer = setInterval(() => void this.monitor(), this.options.monitorPeriodMs ?? 5000);
  }

  stop(): void {
    this.taintQueue.shutdown();
    if (this.timer) clearInterval(this.timer);
  }

  private nodeRef(node: Node) {
    return { apiVersion: 'v1', kind: 'Node', name: node.metadata.name, uid: node.metadata.uid };
  }

  private forget(node: Node): void {
    this.health.forget(node.metadata.name!);
    if (this.known.delete(node.metadata.name!)) {
      this.recorder.event(this.nodeRef(node), 'Normal', 'RemovingNode', `Node ${node.metadata.name} event: Removing Node ${node.metadata.name} from Controller`);
    }
  }

  /** doNoScheduleTaintingPass + doNoExecuteTaintingPass for one node. */
  private async syncTaints(name: string): Promise<void> {
    const cached = this.nodes.get(undefined, name);
    if (!cached || !reconcileTaints(cached, this.ctx.now())) return;
    const fresh = await this.ctx.client.get<Node>(R.nodes, undefined, name).catch((err) => (isNotFound(err) ? undefined : Promise.reject(err)));
    if (!fresh) return;
    const taints = reconcileTaints(fresh, this.ctx.now());
    if (!taints) return;
    const next = clone(fresh);
    next.spec.taints = taints;
    if (taints.length === 0) delete next.spec.taints;
    await this.ctx.client.update(R.nodes, { apiVersion: 'v1', kind: 'Node', ...next });
  }

  /** monitorNodeHealth. */
  private async monitor(): Promise<void> {
    if (this.monitoring) return;
    this.monitoring = true;
    try {
      for (const cached of this.nodes.list()) {
        try {
          await this.monitorNode(cached);
        } catch (err) {
          this.ctx.log(`nodelifecycle: ${cached.metadata.name}: ${apiMessage(err)}`);
        }
      }
    } finally {
      this.monitoring = false;
    }
  }

  private async monitorNode(cached: Node): Promise<void> {
    const name = cached.metadata.name!;
    if (!this.known.has(name)) {
      this.known.add(name);
      this.recorder.event(this.nodeRef(cached), 'Normal', 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
    }
    const now = this.ctx.now();
    const spoke = this.health.observe(cached, now.getTime());
    const hasReady = readyStatus(cached) !== undefined;
    const grace = hasReady ? (this.options.gracePeriodMs ?? 40_000) : (this.options.startupGracePeriodMs ?? 60_000);
    const observed = readyStatus(cached);
    let node = cached;
    if (now.getTime() > spoke + grace) {
      const conditions = silentNodeConditions(cached, now);
      if (conditions) {
        const next = clone(cached);
        next.status = { ...(next.status ?? {}), conditions };
        node = await this.ctx.client.update<Node>(R.nodes, { apiVersion: 'v1', kind: 'Node', ...next }, 'status');
        this.ctx.log(`nodelifecycle: node ${name} stopped posting status for ${Math.round((now.getTime() - spoke) / 1000)} s; marked Unknown`);
      }
    }
    const current = readyStatus(node);
    if (current === undefined) return;
    if (current !== 'True' && observed === 'True') {
      this.recorder.event(this.nodeRef(node), 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
      this.retryPods.add(name);
    }
    if (current !== 'True' && this.retryPods.has(name)) {
      if (await this.markPodsNotReady(name)) this.retryPods.delete(name);
    } else if (current === 'True') this.retryPods.delete(name);
  }

  /** MarkPodsNotReady: true when every pod was handled. */
  private async markPodsNotReady(nodeName: string): Promise<boolean> {
    let ok = true;
    const now = rfc3339(this.ctx.now());
    for (const cached of this.pods.list().filter((p) => p.spec.nodeName === nodeName)) {
      const ready = cached.status?.conditions?.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const pod = clone(cached);
      pod.status!.conditions = pod.status!.conditions!.map((c): PodCondition => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: now } : c));
      try {
        await this.ctx.client.update(R.pods, { apiVersion: 'v1', kind: 'Pod', ...pod }, 'status');
        this.recorder.event(objectReference(pod, KIND.Pod), 'Warning', 'NodeNotReady', 'Node is not ready');
      } catch (err) {
        if (isNotFound(err)) continue;
        if (!isConflict(err)) this.ctx.log(`nodelifecycle: marking ${pod.metadata.namespace}/${pod.metadata.name} not ready: ${apiMessage(err)}`);
        ok = false;
      }
    }
    return ok;
  }
}
