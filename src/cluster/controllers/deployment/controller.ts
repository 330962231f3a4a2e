// The Deployment controller (pkg/controller/deployment): watches deployments,
// their ReplicaSets and pods, claims ReplicaSets by selector, and runs one
// DeploymentSync per change.
import type { Deployment, Pod, ReplicaSet } from '../../api/types';
import { labelSelectorAsSelector } from '../../api/selectors';
import { objectReference, type EventRecorder } from '../../client/events';
import type { Informer } from '../../client/informer';
import { runWorkers, WorkQueue } from '../../client/queue';
import { R, isConflict, isNotFound } from '../../client/rest';
import { adoptPatch, claimDecision, releasePatch } from '../framework/claim';
import type { Controller, ControllerContext } from '../framework/controller';
import { KIND } from '../framework/kinds';
import { clone, controllerOf, keyOf, newControllerRef, splitKey } from '../framework/objects';
import { DeploymentSync, podMapFor, type DeploymentActions } from './sync';

export class DeploymentController implements Controller {
  readonly name = 'deployment-controller';
  private readonly queue = new WorkQueue();
  private readonly deployments: Informer<Deployment>;
  private readonly replicaSets: Informer<ReplicaSet>;
  private readonly pods: Informer<Pod>;
  private readonly recorder: EventRecorder;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly options: { workers?: number } = {},
  ) {
    this.deployments = ctx.informers.get<Deployment>(R.deployments);
    this.replicaSets = ctx.informers.get<ReplicaSet>(R.replicasets);
    this.pods = ctx.informers.get<Pod>(R.pods);
    this.recorder = ctx.recorder({ component: 'deployment-controller' });
    this.deployments.on({ add: (d) => this.enqueue(d), update: (d) => this.enqueue(d), delete: (d) => this.enqueue(d) });
    this.replicaSets.on({ add: (rs) => this.onReplicaSet(rs), update: (rs, old) => this.onReplicaSet(rs, old), delete: (rs) => this.onReplicaSet(rs) });
    this.pods.on({ delete: (p) => this.deletePod(p) });
  }

  run(): void {
    runWorkers(this.queue, this.options.workers ?? 5, (key) => this.sync(key), (line) => this.ctx.log(`deployment: ${line}`));
  }

  stop(): void {
    this.queue.shutdown();
  }

  private enqueue(d: Deployment): void {
    this.queue.add(keyOf(d));
  }

  private ownerOf(rs: ReplicaSet): Deployment | undefined {
    const ref = controllerOf(rs);
    if (!ref || ref.kind !== 'Deployment') return undefined;
    const d = this.deployments.get(rs.metadata.namespace, ref.name);
    return d && d.metadata.uid === ref.uid ? d : undefined;
  }

  /** getDeploymentsForReplicaSet: who might adopt an orphan. */
  private matchingDeployments(rs: ReplicaSet): Deployment[] {
    return this.deployments.list().filter((d) => {
      if (d.metadata.namespace !== rs.metadata.namespace) return false;
      try {
        const s = labelSelectorAsSelector(d.spec.selector);
        return !s.empty() && s.matches(rs.metadata.labels);
      } catch {
        return false;
      }
    });
  }

  private onReplicaSet(rs: ReplicaSet, old?: ReplicaSet): void {
    if (old && old.metadata.resourceVersion === rs.metadata.resourceVersion) return;
    const oldRef = old && controllerOf(old);
    if (old && oldRef && oldRef.uid !== controllerOf(rs)?.uid) {
      const was = this.ownerOf(old);
      if (was) this.enqueue(was);
    }
    const owner = this.ownerOf(rs);
    if (owner) return this.enqueue(owner);
    if (!controllerOf(rs)) for (const d of this.matchingDeployments(rs)) this.enqueue(d);
  }

  /** A Recreate deployment waits for its old pods to be gone: their deletion is news. */
  private deletePod(pod: Pod): void {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return;
    const rs = this.replicaSets.get(pod.metadata.namespace, ref.name);
    const d = rs && this.ownerOf(rs);
    if (d?.spec.strategy?.type === 'Recreate') this.enqueue(d);
  }

  private async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const cached = this.deployments.get(namespace, name);
    if (!cached) return;
    const d = clone(cached);
    const rsList = await this.claimReplicaSets(d);
    let selector;
    try {
      selector = labelSelectorAsSelector(d.spec.selector);
    } catch {
      return;
    }
    const pods = this.pods.list().filter((p) => p.metadata.namespace === namespace && selector.matches(p.metadata.labels));
    await new DeploymentSync(d, rsList, podMapFor(rsList, pods), this.actions(key)).run();
  }

  private async claimReplicaSets(d: Deployment): Promise<ReplicaSet[]> {
    let selector;
    try {
      selector = labelSelectorAsSelector(d.spec.selector);
    } catch {
      return [];
    }
    const claimed: ReplicaSet[] = [];
    for (const rs of this.replicaSets.list()) {
      if (rs.metadata.namespace !== d.metadata.namespace) continue;
      const decision = claimDecision(d, rs, !selector.empty() && selector.matches(rs.metadata.labels));
      try {
        if (decision === 'keep') claimed.push(rs);
        else if (decision === 'adopt' && (await this.canAdopt(d))) {
          claimed.push(await this.ctx.client.patch<ReplicaSet>(R.replicasets, rs.metadata.namespace, rs.metadata.name!, adoptPatch(rs, newControllerRef(d, KIND.Deployment))));
        } else if (decision === 'release') {
          await this.ctx.client.patch(R.replicasets, rs.metadata.namespace, rs.metadata.name!, releasePatch(rs, d.metadata.uid!));
        }
      } catch (err) {
        if (!isNotFound(err) && !isConflict(err)) throw err;
      }
    }
    return claimed;
  }

  private async canAdopt(d: Deployment): Promise<boolean> {
    try {
      const fresh = await this.ctx.client.get<Deployment>(R.deployments, d.metadata.namespace, d.metadata.name!);
      return fresh.metadata.uid === d.metadata.uid && !fresh.metadata.deletionTimestamp;
    } catch {
      return false;
    }
  }

  private actions(key: string): DeploymentActions {
    const client = this.ctx.client;
    return {
      now: () => this.ctx.now(),
      createReplicaSet: (rs) => client.create<ReplicaSet>(R.replicasets, rs.metadata.namespace, rs),
      cachedReplicaSet: (ns, name) => this.replicaSets.get(ns, name),
      updateReplicaSet: (rs) => client.update<ReplicaSet>(R.replicasets, rs),
      deleteReplicaSet: async (rs) => {
        try {
          await client.delete(R.replicasets, rs.metadata.namespace, rs.metadata.name!);
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      },
      updateStatus: (d) => client.update<Deployment>(R.deployments, { apiVersion: 'apps/v1', kind: 'Deployment', ...d }, 'status'),
      event: (d, type, reason, message) => this.recorder.event(objectReference(d, KIND.Deployment), type, reason, message),
      requeueAfter: (ms) => this.queue.addAfter(key, ms),
    };
  }
}
