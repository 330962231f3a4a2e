// The ReplicaSet controller (pkg/controller/replicaset/replica_set.go): keeps
// as many active pods as spec.replicas says — creating in slow-start batches,
// deleting the best-ranked — claims and releases pods by selector, and writes
// the status.
import type { Pod, ReplicaSet } from '../../api/types';
import { labelSelectorAsSelector } from '../../api/selectors';
import { objectReference, type EventRecorder } from '../../client/events';
import type { Informer } from '../../client/informer';
import { runWorkers, WorkQueue } from '../../client/queue';
import { R, isConflict, isNotFound } from '../../client/rest';
import { adoptPatch, claimDecision, releasePatch } from '../framework/claim';
import type { Controller, ControllerContext } from '../framework/controller';
import { apiMessage } from '../framework/errors';
import { Expectations } from '../framework/expectations';
import { KIND } from '../framework/kinds';
import { clone, controllerOf, keyOf, newControllerRef, semanticEqual, splitKey } from '../framework/objects';
import { isPodActive, isPodReady, isPodTerminating } from '../framework/pods';
import { podsToDelete, slowStartBatches } from './ranking';
import { calculateReplicaSetStatus } from './status';

export interface ReplicaSetOptions {
  workers?: number;
  burstReplicas?: number;
}

/** GetPodFromTemplate: what a ReplicaSet's pod looks like before the server names it. */
export function podFromTemplate(rs: ReplicaSet): Pod {
  const t = rs.spec.template;
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { generateName: `${rs.metadata.name}-`, namespace: rs.metadata.namespace, ownerReferences: [newControllerRef(rs, KIND.ReplicaSet)] },
    spec: clone(t.spec),
  };
  if (t.metadata?.labels) pod.metadata.labels = { ...t.metadata.labels };
  if (t.metadata?.annotations) pod.metadata.annotations = { ...t.metadata.annotations };
  if (t.metadata?.finalizers) pod.metadata.finalizers = [...t.metadata.finalizers];
  return pod;
}

export class ReplicaSetController implements Controller {
  readonly name = 'replicaset-controller';
  private readonly queue = new WorkQueue();
  private readonly expectations = new Expectations();
  private readonly pods: Informer<Pod>;
  private readonly replicaSets: Informer<ReplicaSet>;
  private readonly recorder: EventRecorder;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly options: ReplicaSetOptions = {},
  ) {
    this.pods = ctx.informers.get<Pod>(R.pods);
    this.replicaSets = ctx.informers.get<ReplicaSet>(R.replicasets);
    this.recorder = ctx.recorder({ component: 'replicaset-controller' });
    this.replicaSets.on({
      add: (rs) => this.queue.add(keyOf(rs)),
      update: (rs) => this.queue.add(keyOf(rs)),
      delete: (rs) => {
        this.expectations.delete(keyOf(rs));
        this.queue.add(keyOf(rs));
      },
    });
    this.pods.on({ add: (p) => this.addPod(p), update: (p, old) => this.updatePod(p, old), delete: (p) => this.deletePod(p) });
  }

  run(): void {
    runWorkers(this.queue, this.options.workers ?? 5, (key) => this.sync(key), (line) => this.ctx.log(`replicaset: ${line}`));
  }

  stop(): void {
    this.queue.shutdown();
  }

  // --- event handlers ----------------------------------------------------------------

  private ownerOf(pod: Pod): ReplicaSet | undefined {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return undefined;
    const rs = this.replicaSets.get(pod.metadata.namespace, ref.name);
    return rs && rs.metadata.uid === ref.uid ? rs : undefined;
  }

  private matchingReplicaSets(pod: Pod): ReplicaSet[] {
    return this.replicaSets.list().filter((rs) => rs.metadata.namespace === pod.metadata.namespace && safeMatches(rs, pod));
  }

  private addPod(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) return this.deletePod(pod);
    const ref = controllerOf(pod);
    if (ref) {
      const rs = this.ownerOf(pod);
      if (!rs) return;
      this.expectations.creationObserved(keyOf(rs));
      this.queue.add(keyOf(rs));
      return;
    }
    for (const rs of this.matchingReplicaSets(pod)) this.queue.add(keyOf(rs));
  }

  private updatePod(pod: Pod, old: Pod): void {
    if (pod.metadata.resourceVersion === old.metadata.resourceVersion) return;
    const labelsChanged = !semanticEqual(pod.metadata.labels, old.metadata.labels);
    if (pod.metadata.deletionTimestamp) {
      this.deletePod(pod);
      if (labelsChanged) this.deletePod(old);
      return;
    }
    const ref = controllerOf(pod);
    const oldRef = controllerOf(old);
    if (oldRef && oldRef.uid !== ref?.uid) {
      const was = this.ownerOf(old);
      if (was) this.queue.add(keyOf(was));
    }
    if (ref) {
      const rs = this.ownerOf(pod);
      if (!rs) return;
      this.queue.add(keyOf(rs));
      // Availability comes minReadySeconds after readiness: look again then.
      const minReady = rs.spec.minReadySeconds ?? 0;
      if (!isPodReady(old) && isPodReady(pod) && minReady > 0) this.queue.addAfter(keyOf(rs), minReady * 1000 + 1);
      return;
    }
    if (labelsChanged || oldRef) for (const rs of this.matchingReplicaSets(pod)) this.queue.add(keyOf(rs));
  }

  private deletePod(pod: Pod): void {
    const rs = this.ownerOf(pod);
    if (!rs) return;
    this.expectations.deletionObserved(keyOf(rs), keyOf(pod));
    this.queue.add(keyOf(rs));
  }

  // --- sync ----------------------------------------------------------------------------

  private async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const cached = this.replicaSets.get(namespace, name);
    if (!cached) {
      this.expectations.delete(key);
      return;
    }
    const needsSync = this.expectations.satisfied(key);
    const rs = clone(cached);
    const selector = labelSelectorAsSelector(rs.spec.selector);
    const all = this.pods.list().filter((p) => p.metadata.namespace === namespace);
    const active = await this.claimPods(rs, all.filter(isPodActive), (p) => selector.matches(p.metadata.labels));
    const terminating = all.filter((p) => isPodTerminating(p) && controllerOf(p)?.uid === rs.metadata.uid && selector.matches(p.metadata.labels));

    let manageError: Error | undefined;
    if (needsSync && !rs.metadata.deletionTimestamp) {
      try {
        await this.manageReplicas(active, rs);
      } catch (err) {
        manageError = err as Error;
      }
    }
    const status = calculateReplicaSetStatus(rs, active, terminating, manageError, this.ctx.now());
    const updated = await this.updateStatus(rs, status);
    const minReady = updated.spec.minReadySeconds ?? 0;
    const want = updated.spec.replicas ?? 1;
    if (!manageError && minReady > 0 && (updated.status?.readyReplicas ?? 0) === want && (updated.status?.availableReplicas ?? 0) !== want) {
      this.queue.addAfter(key, minReady * 1000);
    }
    if (manageError) throw manageError;
  }

  /** claimPods: adopts matching orphans, releases owned pods that stopped matching. */
  private async claimPods(rs: ReplicaSet, pods: Pod[], matches: (p: Pod) => boolean): Promise<Pod[]> {
    const claimed: Pod[] = [];
    for (const pod of pods) {
      const decision = claimDecision(rs, pod, matches(pod));
      if (decision === 'keep') claimed.push(pod);
      else if (decision === 'adopt') {
        if (!(await this.canAdopt(rs))) continue;
        try {
          claimed.push(await this.ctx.client.patch<Pod>(R.pods, pod.metadata.namespace, pod.metadata.name!, adoptPatch(pod, newControllerRef(rs, KIND.ReplicaSet))));
        } catch (err) {
          if (!isNotFound(err) && !isConflict(err)) throw err;
        }
      } else if (decision === 'release') {
        try {
          await this.ctx.client.patch(R.pods, pod.metadata.namespace, pod.metadata.name!, releasePatch(pod, rs.metadata.uid!));
        } catch (err) {
          if (!isNotFound(err) && !isConflict(err)) throw err;
        }
      }
    }
    return claimed;
  }

  /** RecheckDeletionTimestamp: adopt only for a ReplicaSet that is really there and staying. */
  private async canAdopt(rs: ReplicaSet): Promise<boolean> {
    try {
      const fresh = await this.ctx.client.get<ReplicaSet>(R.replicasets, rs.metadata.namespace, rs.metadata.name!);
      return fresh.metadata.uid === rs.metadata.uid && !fresh.metadata.deletionTimestamp;
    } catch {
      return false;
    }
  }

  private async manageReplicas(active: Pod[], rs: ReplicaSet): Promise<void> {
    const key = keyOf(rs);
    const burst = this.options.burstReplicas ?? 500;
    const diff = active.length - (rs.spec.replicas ?? 1);
    if (diff < 0) {
      const n = Math.min(-diff, burst);
      this.expectations.expectCreations(key, n);
      let made = 0;
      try {
        for (const size of slowStartBatches(n)) {
          const results = await Promise.allSettled(Array.from({ length: size }, () => this.createPod(rs)));
          made += results.filter((r) => r.status === 'fulfilled').length;
          const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
          if (failed) throw failed.reason;
        }
      } finally {
        // Pods never attempted (or failed) will never be observed.
        for (let i = made; i < n; i++) this.expectations.creationObserved(key);
      }
    } else if (diff > 0) {
      const n = Math.min(diff, burst);
      const victims = podsToDelete(active, this.relatedPods(rs), n, this.ctx.now().getTime());
      this.expectations.expectDeletions(key, victims.map(keyOf));
      const results = await Promise.allSettled(victims.map((p) => this.deletePodOf(rs, p)));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
  }

  /** getIndirectlyRelatedPods: the pods of every ReplicaSet with the same owner. */
  private relatedPods(rs: ReplicaSet): Pod[] {
    const owner = controllerOf(rs);
    const siblings = owner
      ? this.replicaSets.list().filter((x) => x.metadata.namespace === rs.metadata.namespace && controllerOf(x)?.uid === owner.uid)
      : [rs];
    const uids = new Set(siblings.map((x) => x.metadata.uid));
    return this.pods.list().filter((p) => p.metadata.namespace === rs.metadata.namespace && uids.has(controllerOf(p)?.uid));
  }

  private async createPod(rs: ReplicaSet): Promise<void> {
    try {
      const pod = await this.ctx.client.create<Pod>(R.pods, rs.metadata.namespace, podFromTemplate(rs));
      this.recorder.event(objectReference(rs, KIND.ReplicaSet), 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
    } catch (err) {
      // A namespace being torn down refuses every pod; nothing to report.
      if (apiMessage(err).includes('because it is being terminated')) return;
      this.recorder.event(objectReference(rs, KIND.ReplicaSet), 'Warning', 'FailedCreate', `Error creating: ${apiMessage(err)}`);
      throw err;
    }
  }

  private async deletePodOf(rs: ReplicaSet, pod: Pod): Promise<void> {
    try {
      await this.ctx.client.delete(R.pods, pod.metadata.namespace, pod.metadata.name!);
      this.recorder.event(objectReference(rs, KIND.ReplicaSet), 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    } catch (err) {
      this.expectations.deletionObserved(keyOf(rs), keyOf(pod));
      if (isNotFound(err)) return;
      this.recorder.event(objectReference(rs, KIND.ReplicaSet), 'Warning', 'FailedDelete', `Error deleting: ${apiMessage(err)}`);
      throw err;
    }
  }

  /** updateReplicaSetStatus: writes only a changed status, retrying once on a conflict. */
  private async updateStatus(rs: ReplicaSet, status: ReplicaSet['status']): Promise<ReplicaSet> {
    let current = rs;
    for (let attempt = 0; ; attempt++) {
      const want = { ...status!, observedGeneration: current.metadata.generation };
      if (semanticEqual(current.status, want)) return current;
      const next = { ...clone(current), status: want };
      try {
        return await this.ctx.client.update<ReplicaSet>(R.replicasets, next, 'status');
      } catch (err) {
        if (attempt >= 1 || !isConflict(err)) throw err;
        current = await this.ctx.client.get<ReplicaSet>(R.replicasets, rs.metadata.namespace, rs.metadata.name!);
      }
    }
  }
}

function safeMatches(rs: ReplicaSet, pod: Pod): boolean {
  try {
    const s = labelSelectorAsSelector(rs.spec.selector);
    return !s.empty() && s.matches(pod.metadata.labels);
  } catch {
    return false;
  }
}
