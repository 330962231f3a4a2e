// kube-scheduler's loop: unscheduled pods of the default scheduler are taken
// one at a time, placed by schedulePod(), assumed onto their node at once (so
// the next decision counts them) and bound in the background. A pod that fits
// nowhere gets PodScheduled=False and a FailedScheduling event, and is tried
// again when nodes or pods change.
import os from 'node:os';
import type { Node, Pod, PodCondition } from '../api/types';
import { newEventRecorder, objectReference, type EventRecorder } from '../client/events';
import { Informer } from '../client/informer';
import { R, isConflict, isNotFound, type RestClient } from '../client/rest';
import { semanticEqual } from '../controllers/framework/objects';
import { SchedulingQueue } from './queue';
import { schedulePod } from './select';

export const SCHEDULER_NAME = 'default-scheduler';
const POD = { apiVersion: 'v1', kind: 'Pod' };

export interface SchedulerOptions {
  client: RestClient;
  log?: (line: string) => void;
  random?: () => number;
  now?: () => Date;
}

const keyOf = (p: Pod) => `${p.metadata.namespace}/${p.metadata.name}`;
const isTerminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

function nodeSchedulingChanged(a: Node, b: Node): boolean {
  const conditions = (n: Node) => (n.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`).sort();
  return (
    Boolean(a.spec.unschedulable) !== Boolean(b.spec.unschedulable) ||
    !semanticEqual(a.metadata.labels, b.metadata.labels) ||
    !semanticEqual(a.spec.taints, b.spec.taints) ||
    !semanticEqual(a.status?.allocatable, b.status?.allocatable) ||
    !semanticEqual(conditions(a), conditions(b))
  );
}

export class Scheduler {
  readonly pods: Informer<Pod>;
  readonly nodes: Informer<Node>;
  private readonly queue = new SchedulingQueue();
  private readonly recorder: EventRecorder;
  /** Pods we placed whose binding the informer has not shown yet: key -> node. */
  private readonly assumed = new Map<string, { node: string; pod: Pod }>();
  private readonly log: (line: string) => void;
  private stopped = false;

  constructor(private readonly o: SchedulerOptions) {
    this.log = o.log ?? (() => {});
    this.pods = new Informer<Pod>(o.client, R.pods, { log: (l) => this.log(`informer: ${l}`) });
    this.nodes = new Informer<Node>(o.client, R.nodes, { log: (l) => this.log(`informer: ${l}`) });
    this.recorder = newEventRecorder(o.client, { component: SCHEDULER_NAME }, { now: o.now, log: this.log, reportingInstance: `${SCHEDULER_NAME}-${os.hostname()}` });
    this.pods.on({ add: (p) => this.onPod(p), update: (p, old) => this.onPod(p, old), delete: (p) => this.onPodDeleted(p) });
    this.nodes.on({
      add: () => this.queue.moveAllUnschedulable(),
      update: (n, old) => nodeSchedulingChanged(n, old) && this.queue.moveAllUnschedulable(),
    });
  }

  async start(): Promise<void> {
    this.pods.start();
    this.nodes.start();
    await Promise.all([this.pods.waitForSync(), this.nodes.waitForSync()]);
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.queue.close();
    this.pods.stop();
    this.nodes.stop();
    this.recorder.stop();
  }

  flushEvents(): Promise<void> {
    return this.recorder.flush();
  }

  private responsible(p: Pod): boolean {
    return (p.spec.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME && !p.spec.nodeName && !p.metadata.deletionTimestamp && !isTerminal(p) && !((p.spec.schedulingGates as unknown[] | undefined)?.length);
  }

  private onPod(pod: Pod, old?: Pod): void {
    const key = keyOf(pod);
    if (pod.spec.nodeName) {
      this.assumed.delete(key);
      this.queue.remove(key);
      return;
    }
    if (!this.responsible(pod)) return this.queue.remove(key);
    // Our own status writes need no new attempt; a changed spec or labels might fit now.
    if (old && this.queue.has(key) && semanticEqual(old.spec, pod.spec) && semanticEqual(old.metadata.labels, pod.metadata.labels)) return;
    this.queue.add(key, pod.spec.priority ?? 0);
  }

  private onPodDeleted(pod: Pod): void {
    this.queue.remove(keyOf(pod));
    this.assumed.delete(keyOf(pod));
    // Room freed on a node.
    if (pod.spec.nodeName) this.queue.moveAllUnschedulable();
  }

  /** Pods on each node: bound ones from the informer, plus those we assumed. */
  private podsByNode(): Map<string, Pod[]> {
    const byNode = new Map<string, Pod[]>();
    const add = (node: string, p: Pod) => byNode.set(node, [...(byNode.get(node) ?? []), p]);
    for (const p of this.pods.list()) if (p.spec.nodeName && !isTerminal(p)) add(p.spec.nodeName, p);
    for (const { node, pod } of this.assumed.values()) add(node, pod);
    return byNode;
  }

  private async loop(): Promise<void> {
    for (;;) {
      const key = await this.queue.next();
      if (key === undefined || this.stopped) return;
      try {
        await this.scheduleOne(key);
      } catch (err) {
        this.log(`scheduling ${key}: ${(err as Error).message}`);
        this.queue.failed(key, false);
      }
    }
  }

  private async scheduleOne(key: string): Promise<void> {
    const slash = key.indexOf('/');
    const pod = this.pods.get(key.slice(0, slash), key.slice(slash + 1));
    if (!pod || !this.responsible(pod) || this.assumed.has(key)) return this.queue.done(key);
    const decision = schedulePod(pod, this.nodes.list(), this.podsByNode(), this.o.random);
    if ('error' in decision) {
      this.recorder.event(objectReference(pod, POD), 'Warning', 'FailedScheduling', decision.error);
      this.queue.failed(key, true);
      await this.setUnschedulable(pod, decision.error);
      return;
    }
    this.assumed.set(key, { node: decision.node, pod: { ...pod, spec: { ...pod.spec, nodeName: decision.node } } });
    this.queue.done(key);
    void this.bind(pod, decision.node);
  }

  private async bind(pod: Pod, node: string): Promise<void> {
    const key = keyOf(pod);
    try {
      await this.o.client.create(R.pods, pod.metadata.namespace, { apiVersion: 'v1', kind: 'Binding', metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid }, target: { apiVersion: 'v1', kind: 'Node', name: node } } as never, { name: pod.metadata.name!, subresource: 'binding' });
      this.recorder.event(objectReference(pod, POD), 'Normal', 'Scheduled', `Successfully assigned ${key} to ${node}`);
    } catch (err) {
      this.assumed.delete(key);
      if (isNotFound(err)) return;
      this.log(`binding ${key} to ${node}: ${(err as Error).message}`);
      const current = this.pods.get(pod.metadata.namespace, pod.metadata.name!);
      if (current && this.responsible(current)) {
        this.queue.add(key, current.spec.priority ?? 0);
        this.queue.failed(key, false);
      }
    }
  }

  /** updatePod: PodScheduled=False, Unschedulable, written only when it says something new. */
  private async setUnschedulable(pod: Pod, message: string): Promise<void> {
    const current = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (current?.status === 'False' && current.reason === 'Unschedulable' && current.message === message) return;
    const condition: PodCondition = { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: current?.status === 'False' ? current.lastTransitionTime : (this.o.now?.() ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z'), reason: 'Unschedulable', message };
    const next: Pod = { ...structuredClone(pod), apiVersion: 'v1', kind: 'Pod' };
    next.status = { ...(next.status ?? {}), conditions: [...(next.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled'), condition] };
    try {
      await this.o.client.update(R.pods, next, 'status');
    } catch (err) {
      if (!isNotFound(err) && !isConflict(err)) this.log(`updating status of ${keyOf(pod)}: ${(err as Error).message}`);
    }
  }
}
