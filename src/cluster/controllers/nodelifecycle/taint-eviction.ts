// The taint eviction controller (pkg/controller/tainteviction): pods on a node
// with NoExecute taints they do not tolerate are deleted at once; those that
// tolerate them for tolerationSeconds (300 s, added by the API server's
// DefaultTolerationSeconds admission) are deleted when that time is up,
// unless the taint goes first.
import type { Node, NodeTaint, Pod } from '../../api/types';
import type { EventRecorder } from '../../client/events';
import type { Informer } from '../../client/informer';
import { R, isNotFound } from '../../client/rest';
import type { Controller, ControllerContext } from '../framework/controller';
import { apiMessage } from '../framework/errors';
import { keyOf, rfc3339, semanticEqual } from '../framework/objects';
import { matchingTolerations, minTolerationMs } from '../../scheduler/taints';

interface Scheduled {
  createdAt: number;
  fireAt: number;
  timer: NodeJS.Timeout;
}

const noExecute = (n: Node | undefined): NodeTaint[] => (n?.spec.taints ?? []).filter((t) => t.effect === 'NoExecute');

export class TaintEvictionController implements Controller {
  readonly name = 'taint-eviction-controller';
  private readonly nodes: Informer<Node>;
  private readonly pods: Informer<Pod>;
  private readonly recorder: EventRecorder;
  private readonly scheduled = new Map<string, Scheduled>();
  private running = false;

  constructor(private readonly ctx: ControllerContext) {
    this.nodes = ctx.informers.get<Node>(R.nodes);
    this.pods = ctx.informers.get<Pod>(R.pods);
    this.recorder = ctx.recorder({ component: 'taint-eviction-controller' });
    this.nodes.on({
      add: (n) => this.running && this.nodeChanged(n),
      update: (n, old) => this.running && !semanticEqual(noExecute(n), noExecute(old)) && this.nodeChanged(n),
    });
    this.pods.on({
      add: (p) => this.running && this.podChanged(p),
      update: (p, old) => this.running && (p.spec.nodeName !== old.spec.nodeName || !semanticEqual(p.spec.tolerations, old.spec.tolerations)) && this.podChanged(p),
      delete: (p) => this.cancel(keyOf(p), false),
    });
  }

  run(): void {
    this.running = true;
    for (const n of this.nodes.list()) this.nodeChanged(n);
  }

  stop(): void {
    this.running = false;
    for (const s of this.scheduled.values()) clearTimeout(s.timer);
    this.scheduled.clear();
  }

  private nodeChanged(node: Node): void {
    const taints = noExecute(node);
    const now = this.ctx.now().getTime();
    for (const pod of this.pods.list()) if (pod.spec.nodeName === node.metadata.name) this.process(pod, taints, now);
  }

  private podChanged(pod: Pod): void {
    if (!pod.spec.nodeName) return;
    this.process(pod, noExecute(this.nodes.get(undefined, pod.spec.nodeName)), this.ctx.now().getTime());
  }

  /** processPodOnNode. */
  private process(pod: Pod, taints: NodeTaint[], now: number): void {
    const key = keyOf(pod);
    if (taints.length === 0) return this.cancel(key, true);
    const { all, used } = matchingTolerations(taints, pod.spec.tolerations);
    if (!all) {
      this.cancel(key, true);
      return this.schedule(pod, now, now);
    }
    const min = minTolerationMs(used);
    if (min < 0) return this.cancel(key, true);
    let start = now;
    const existing = this.scheduled.get(key);
    if (existing) {
      start = existing.createdAt;
      if (start + min < now + min) return;
      this.cancel(key, true);
    }
    this.schedule(pod, start, start + min);
  }

  private schedule(pod: Pod, createdAt: number, fireAt: number): void {
    const key = keyOf(pod);
    const timer = setTimeout(() => void this.evict(pod), Math.max(0, fireAt - this.ctx.now().getTime()));
    this.scheduled.set(key, { createdAt, fireAt, timer });
  }

  private cancel(key: string, withEvent: boolean): void {
    const s = this.scheduled.get(key);
    if (!s) return;
    clearTimeout(s.timer);
    this.scheduled.delete(key);
    const slash = key.indexOf('/');
    if (withEvent) this.recorder.event({ apiVersion: 'v1', kind: 'Pod', namespace: key.slice(0, slash), name: key.slice(slash + 1) }, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
  }

  /** The deletion with its event and the DisruptionTarget condition (addConditionAndDeletePod). */
  private async evict(target: Pod, attempt = 0): Promise<void> {
    const key = keyOf(target);
    const { namespace, name } = target.metadata;
    if (attempt === 0) this.recorder.event({ apiVersion: 'v1', kind: 'Pod', namespace, name }, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    try {
      const pod = await this.ctx.client.get<Pod>(R.pods, namespace, name!);
      const conditions = pod.status?.conditions ?? [];
      if (!conditions.some((c) => c.type === 'DisruptionTarget' && c.status === 'True')) {
        pod.status = { ...(pod.status ?? {}), conditions: [...conditions.filter((c) => c.type !== 'DisruptionTarget'), { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(this.ctx.now()), reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' }] };
        await this.ctx.client.update(R.pods, { apiVersion: 'v1', kind: 'Pod', ...pod }, 'status');
      }
      await this.ctx.client.delete(R.pods, namespace, name!);
      this.scheduled.delete(key);
    } catch (err) {
      if (isNotFound(err)) {
        this.scheduled.delete(key);
        return;
      }
      if (attempt >= 5 || !this.running) {
        this.ctx.log(`taint-eviction: deleting ${key}: ${apiMessage(err)}`);
        this.scheduled.delete(key);
        return;
      }
      const timer = setTimeout(() => void this.evict(target, attempt + 1), 10 * 2 ** attempt);
      this.scheduled.set(key, { createdAt: this.ctx.now().getTime(), fireAt: 0, timer });
    }
  }
}
