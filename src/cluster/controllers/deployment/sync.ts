// One deployment sync, as pkg/controller/deployment does it (sync.go,
// rolling.go, recreate.go, progress.go): find or create the new ReplicaSet,
// scale it up and the old ones down within maxSurge/maxUnavailable, clean up
// history, and write the status. Every write goes through DeploymentActions,
// so tests can run this against plain objects and see the actions it takes.
import type { Deployment, Pod, ReplicaSet } from '../../api/types';
import { isAlreadyExists } from '../../client/rest';
import { KIND } from '../framework/kinds';
import { controllerOf, newControllerRef } from '../framework/objects';
import { computeHash } from './hash';
import {
  REASON, POD_TEMPLATE_HASH, activeReplicaSets, actualReplicaCount, availableReplicaCount, byCreation, byRevision, bySizeNewer, bySizeOlder,
  calculateStatus, deploymentComplete, deploymentProgressing, deploymentTimedOut, equalIgnoreHash, findActiveOrLatest, findNewReplicaSet,
  findOldReplicaSets, getCondition, hasProgressDeadline, isSaturated, maxRevision, maxSurge, maxUnavailable, newCondition, newRSNewReplicas,
  removeCondition, replicaCount, replicaFailures, replicaSetProportion, replicasAnnotationsNeedUpdate, setCondition, setDeploymentRevision,
  setNewReplicaSetAnnotations, setReplicasAnnotations, specReplicas, statusEqual, DESIRED_REPLICAS, REVISION, type DeploymentStatusX,
} from './util';

export interface DeploymentActions {
  now(): Date;
  createReplicaSet(rs: ReplicaSet): Promise<ReplicaSet>;
  /** The cached ReplicaSet of that name (after a create said it exists). */
  cachedReplicaSet(namespace: string, name: string): ReplicaSet | undefined;
  updateReplicaSet(rs: ReplicaSet): Promise<ReplicaSet>;
  deleteReplicaSet(rs: ReplicaSet): Promise<void>;
  updateStatus(d: Deployment): Promise<Deployment>;
  event(d: Deployment, type: 'Normal' | 'Warning', reason: string, message: string): void;
  requeueAfter(ms: number): void;
}

export class DeploymentSync {
  constructor(
    /** A copy: the sync changes it as upstream's does. */
    private readonly d: Deployment,
    private readonly rsList: ReplicaSet[],
    /** Pods by the uid of the ReplicaSet that controls them. */
    private readonly podMap: Map<string, Pod[]>,
    private readonly a: DeploymentActions,
  ) {}

  async run(): Promise<void> {
    const d = this.d;
    const selector = d.spec.selector;
    if (!selector || (!Object.keys(selector.matchLabels ?? {}).length && !(selector.matchExpressions ?? []).length)) {
      this.a.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status = { ...(d.status ?? {}), observedGeneration: d.metadata.generation };
        await this.updateStatus();
      }
      return;
    }
    if (d.metadata.deletionTimestamp) return this.syncStatusOnly();
    await this.checkPausedConditions();
    if (d.spec.paused) return this.sync();
    if (await this.isScalingEvent()) return this.sync();
    if (d.spec.strategy?.type === 'Recreate') return this.rolloutRecreate();
    return this.rolloutRolling();
  }

  // --- status writes ---------------------------------------------------------------

  private async updateStatus(): Promise<void> {
    const stored = await this.a.updateStatus(this.d);
    // Later writes of this sync build on what was stored, as a fresh Get would.
    this.d.metadata.resourceVersion = stored.metadata.resourceVersion;
  }

  private async syncStatusOnly(): Promise<void> {
    const { newRS, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(false);
    await this.syncDeploymentStatus([...oldRSs, newRS], newRS);
  }

  private async syncDeploymentStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): Promise<void> {
    const status = calculateStatus(allRSs, newRS, this.d, this.a.now());
    if (statusEqual(this.d.status, status)) return;
    this.d.status = status;
    await this.updateStatus();
  }

  private async checkPausedConditions(): Promise<void> {
    const d = this.d;
    if (!hasProgressDeadline(d)) return;
    const cond = getCondition(d.status, 'Progressing');
    if (cond?.reason === REASON.TimedOut) return;
    const pausedExists = cond?.reason === REASON.Paused;
    d.status ??= {};
    if (d.spec.paused && !pausedExists) {
      setCondition(d.status, newCondition('Progressing', 'Unknown', REASON.Paused, 'Deployment is paused', this.a.now()));
    } else if (!d.spec.paused && pausedExists) {
      setCondition(d.status, newCondition('Progressing', 'Unknown', REASON.Resumed, 'Deployment is resumed', this.a.now()));
    } else return;
    await this.updateStatus();
  }

  // --- the new ReplicaSet --------------------------------------------------------------

  private async getAllReplicaSetsAndSyncRevision(create: boolean): Promise<{ newRS?: ReplicaSet; oldRSs: ReplicaSet[] }> {
    const oldRSs = findOldReplicaSets(this.d, this.rsList);
    const newRS = await this.getNewReplicaSet(oldRSs, create);
    return { newRS, oldRSs };
  }

  private async getNewReplicaSet(oldRSs: ReplicaSet[], create: boolean): Promise<ReplicaSet | undefined> {
    const d = this.d;
    const existing = findNewReplicaSet(d, this.rsList);
    const newRevision = maxRevision(oldRSs) + 1;

    if (existing) {
      const copy = structuredClone(existing);
      const annotationsUpdated = setNewReplicaSetAnnotations(d, copy, newRevision, true);
      const minReadyUpdate = (copy.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0);
      if (annotationsUpdated || minReadyUpdate) {
        copy.spec.minReadySeconds = d.spec.minReadySeconds ?? 0;
        return this.a.updateReplicaSet(copy);
      }
      let needsUpdate = setDeploymentRevision(d, copy.metadata.annotations?.[REVISION] ?? '');
      if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
        d.status ??= {};
        setCondition(d.status, newCondition('Progressing', 'True', REASON.FoundNewRS, `Found new replica set "${copy.metadata.name}"`, this.a.now()));
        needsUpdate = true;
      }
      if (needsUpdate) await this.updateStatus();
      return copy;
    }
    if (!create) return undefined;

    const collisionCount = (d.status as DeploymentStatusX | undefined)?.collisionCount;
    const hash = computeHash(d.spec.template, collisionCount);
    const template = structuredClone(d.spec.template);
    template.metadata ??= {};
    template.metadata.labels = { ...(template.metadata.labels ?? {}), [POD_TEMPLATE_HASH]: hash };
    const selector = structuredClone(d.spec.selector);
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash };
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: `${d.metadata.name}-${hash}`, namespace: d.metadata.namespace, ownerReferences: [newControllerRef(d, KIND.Deployment)], labels: template.metadata.labels },
      spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
    };
    rs.spec.replicas = newRSNewReplicas(d, [...oldRSs, rs], rs);
    setNewReplicaSetAnnotations(d, rs, newRevision, false);

    let created: ReplicaSet;
    let alreadyExists = false;
    try {
      created = await this.a.createReplicaSet(rs);
    } catch (err) {
      if (isAlreadyExists(err)) {
        alreadyExists = true;
        const found = this.a.cachedReplicaSet(rs.metadata.namespace!, rs.metadata.name!);
        // Our own create from a moment ago, not in the cache yet: look again later.
        if (!found) throw new Error(`replica set ${rs.metadata.name} exists but is not in the cache yet`);
        const ref = controllerOf(found);
        if (ref?.uid === d.metadata.uid && equalIgnoreHash(d.spec.template, found.spec.template)) {
          created = found;
        } else {
          // A hash collision: the next sync names the ReplicaSet with a bumped count.
          d.status ??= {};
          (d.status as DeploymentStatusX).collisionCount = (collisionCount ?? 0) + 1;
          await this.updateStatus().catch(() => undefined);
          throw err;
        }
      } else {
        const msg = `Failed to create new replica set "${rs.metadata.name}": ${(err as Error).message}`;
        if (hasProgressDeadline(d)) {
          d.status ??= {};
          setCondition(d.status, newCondition('Progressing', 'False', REASON.FailedRSCreate, msg, this.a.now()));
          await this.updateStatus().catch(() => undefined);
        }
        this.a.event(d, 'Warning', REASON.FailedRSCreate, msg);
        throw err;
      }
    }
    if (!alreadyExists && specReplicas(rs) > 0) {
      this.a.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${specReplicas(rs)}`);
    }
    let needsUpdate = setDeploymentRevision(d, String(newRevision));
    if (!alreadyExists && hasProgressDeadline(d)) {
      d.status ??= {};
      setCondition(d.status, newCondition('Progressing', 'True', REASON.NewReplicaSet, `Created new replica set "${created.metadata.name}"`, this.a.now()));
      needsUpdate = true;
    }
    if (needsUpdate) await this.updateStatus();
    return created;
  }

  // --- scaling -----------------------------------------------------------------------

  private async scaleReplicaSetAndRecordEvent(rs: ReplicaSet, newScale: number): Promise<{ scaled: boolean; rs: ReplicaSet }> {
    if (specReplicas(rs) === newScale) return { scaled: false, rs };
    return this.scaleReplicaSet(rs, newScale);
  }

  private async scaleReplicaSet(rs: ReplicaSet, newScale: number): Promise<{ scaled: boolean; rs: ReplicaSet }> {
    const d = this.d;
    const sizeNeedsUpdate = specReplicas(rs) !== newScale;
    const desired = specReplicas(d);
    const max = desired + maxSurge(d);
    if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
    const oldScale = specReplicas(rs);
    const copy = structuredClone(rs);
    copy.spec.replicas = newScale;
    setReplicasAnnotations(copy, desired, max);
    const updated = await this.a.updateReplicaSet(copy);
    if (sizeNeedsUpdate) {
      const op = oldScale < newScale ? 'up' : 'down';
      this.a.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${updated.metadata.name} from ${oldScale} to ${newScale}`);
    }
    return { scaled: sizeNeedsUpdate, rs: updated };
  }

  private async isScalingEvent(): Promise<boolean> {
    const { newRS, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(false);
    for (const rs of activeReplicaSets([...oldRSs, newRS])) {
      const desired = Number.parseInt(rs.metadata.annotations?.[DESIRED_REPLICAS] ?? '', 10);
      if (Number.isNaN(desired)) continue;
      if (desired !== specReplicas(this.d)) return true;
    }
    return false;
  }

  /** sync: a scaling event or a paused deployment. */
  private async sync(): Promise<void> {
    const { newRS, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(false);
    await this.scale(newRS, oldRSs);
    if (this.d.spec.paused) await this.cleanupDeployment(oldRSs);
    await this.syncDeploymentStatus([...oldRSs, newRS], newRS);
  }

  /** scale: proportional scaling of every active ReplicaSet. */
  private async scale(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): Promise<void> {
    const d = this.d;
    const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
    if (activeOrLatest) {
      if (specReplicas(activeOrLatest) === specReplicas(d)) return;
      await this.scaleReplicaSetAndRecordEvent(activeOrLatest, specReplicas(d));
      return;
    }
    if (isSaturated(d, newRS)) {
      for (const old of activeReplicaSets(oldRSs)) await this.scaleReplicaSetAndRecordEvent(old, 0);
      return;
    }
    if ((d.spec.strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return;
    const all = activeReplicaSets([...oldRSs, newRS]);
    const allowed = specReplicas(d) > 0 ? specReplicas(d) + maxSurge(d) : 0;
    const toAdd = allowed - replicaCount(all);
    if (toAdd > 0) all.sort(bySizeNewer);
    else if (toAdd < 0) all.sort(bySizeOlder);
    let added = 0;
    const sizes = new Map<string, number>();
    for (const rs of all) {
      if (toAdd !== 0) {
        const p = replicaSetProportion(rs, d, toAdd, added);
        sizes.set(rs.metadata.name!, specReplicas(rs) + p);
        added += p;
      } else sizes.set(rs.metadata.name!, specReplicas(rs));
    }
    for (let i = 0; i < all.length; i++) {
      const rs = all[i]!;
      if (i === 0 && toAdd !== 0) sizes.set(rs.metadata.name!, Math.max(0, sizes.get(rs.metadata.name!)! + toAdd - added));
      await this.scaleReplicaSet(rs, sizes.get(rs.metadata.name!)!);
    }
  }

  // --- rolling update ------------------------------------------------------------------

  private async rolloutRolling(): Promise<void> {
    const got = await this.getAllReplicaSetsAndSyncRevision(true);
    const newRS = got.newRS!;
    let oldRSs = got.oldRSs;
    let allRSs: ReplicaSet[] = [...oldRSs, newRS];

    const up = await this.reconcileNewReplicaSet(allRSs, newRS);
    if (up.scaled) return this.syncRolloutStatus([...oldRSs, up.rs], up.rs);

    const down = await this.reconcileOldReplicaSets(allRSs, activeReplicaSets(oldRSs), up.rs);
    oldRSs = oldRSs.map((rs) => down.updated.get(rs.metadata.name!) ?? rs);
    allRSs = [...oldRSs, up.rs];
    if (down.scaled) return this.syncRolloutStatus(allRSs, up.rs);

    if (deploymentComplete(this.d, this.d.status ?? {})) await this.cleanupDeployment(oldRSs);
    return this.syncRolloutStatus(allRSs, up.rs);
  }

  private async reconcileNewReplicaSet(allRSs: ReplicaSet[], newRS: ReplicaSet): Promise<{ scaled: boolean; rs: ReplicaSet }> {
    const want = specReplicas(this.d);
    if (specReplicas(newRS) === want) return { scaled: false, rs: newRS };
    if (specReplicas(newRS) > want) return this.scaleReplicaSetAndRecordEvent(newRS, want);
    return this.scaleReplicaSetAndRecordEvent(newRS, newRSNewReplicas(this.d, allRSs, newRS));
  }

  private async reconcileOldReplicaSets(allRSs: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet): Promise<{ scaled: boolean; updated: Map<string, ReplicaSet> }> {
    const updated = new Map<string, ReplicaSet>();
    if (replicaCount(oldRSs) === 0) return { scaled: false, updated };
    const d = this.d;
    const minAvailable = specReplicas(d) - maxUnavailable(d);
    const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
    const maxScaledDown = replicaCount(allRSs) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return { scaled: false, updated };

    // Unhealthy replicas go first: they would block the rollout otherwise.
    const old = [...oldRSs].sort(byCreation);
    let cleaned = 0;
    for (let i = 0; i < old.length; i++) {
      const rs = old[i]!;
      if (cleaned >= maxScaledDown) break;
      const available = rs.status?.availableReplicas ?? 0;
      if (specReplicas(rs) === 0 || specReplicas(rs) === available) continue;
      const count = Math.min(maxScaledDown - cleaned, specReplicas(rs) - available);
      const r = await this.scaleReplicaSetAndRecordEvent(rs, specReplicas(rs) - count);
      cleaned += count;
      old[i] = r.rs;
      updated.set(r.rs.metadata.name!, r.rs);
    }

    const all = [...old, newRS];
    const availableNow = availableReplicaCount(all);
    let scaledDown = 0;
    if (availableNow > minAvailable) {
      const total = availableNow - minAvailable;
      for (const rs of [...old].sort(byCreation)) {
        if (scaledDown >= total) break;
        if (specReplicas(rs) === 0) continue;
        const count = Math.min(specReplicas(rs), total - scaledDown);
        const r = await this.scaleReplicaSetAndRecordEvent(rs, specReplicas(rs) - count);
        updated.set(r.rs.metadata.name!, r.rs);
        scaledDown += count;
      }
    }
    return { scaled: cleaned + scaledDown > 0, updated };
  }

  // --- recreate ------------------------------------------------------------------------

  private async rolloutRecreate(): Promise<void> {
    let { newRS, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(false);
    let allRSs: (ReplicaSet | undefined)[] = [...oldRSs, newRS];

    let scaledDown = false;
    const updatedOld = new Map<string, ReplicaSet>();
    for (const rs of activeReplicaSets(oldRSs)) {
      const r = await this.scaleReplicaSetAndRecordEvent(rs, 0);
      if (r.scaled) scaledDown = true;
      updatedOld.set(r.rs.metadata.name!, r.rs);
    }
    oldRSs = oldRSs.map((rs) => updatedOld.get(rs.metadata.name!) ?? rs);
    allRSs = [...oldRSs, newRS];
    if (scaledDown) return this.syncRolloutStatus(allRSs, newRS);
    if (this.oldPodsRunning(newRS, oldRSs)) return this.syncRolloutStatus(allRSs, newRS);

    if (!newRS) {
      ({ newRS, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(true));
      allRSs = [...oldRSs, newRS];
    }
    const up = await this.scaleReplicaSetAndRecordEvent(newRS!, specReplicas(this.d));
    allRSs = [...oldRSs, up.rs];
    if (deploymentComplete(this.d, this.d.status ?? {})) await this.cleanupDeployment(oldRSs);
    return this.syncRolloutStatus(allRSs, up.rs);
  }

  private oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): boolean {
    if (actualReplicaCount(oldRSs) > 0) return true;
    for (const [uid, pods] of this.podMap) {
      if (newRS && newRS.metadata.uid === uid) continue;
      if (pods.some((p) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded')) return true;
    }
    return false;
  }

  // --- history and progress ------------------------------------------------------------

  private async cleanupDeployment(oldRSs: ReplicaSet[]): Promise<void> {
    const limit = this.d.spec.revisionHistoryLimit;
    if (limit === undefined || limit === null) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp).sort(byRevision);
    const diff = cleanable.length - limit;
    for (let i = 0; i < diff; i++) {
      const rs = cleanable[i]!;
      if ((rs.status?.replicas ?? 0) !== 0 || specReplicas(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      await this.a.deleteReplicaSet(rs);
    }
  }

  private async syncRolloutStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): Promise<void> {
    const d = this.d;
    const now = this.a.now();
    const status = calculateStatus(allRSs, newRS, d, now);
    if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
    const current = getCondition(d.status, 'Progressing');
    const complete = status.replicas === status.updatedReplicas && current?.reason === REASON.NewRSAvailable;
    if (hasProgressDeadline(d) && !complete) {
      const name = newRS?.metadata.name;
      if (deploymentComplete(d, status)) {
        const msg = name ? `ReplicaSet "${name}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
        setCondition(status, newCondition('Progressing', 'True', REASON.NewRSAvailable, msg, now));
      } else if (deploymentProgressing(d, status)) {
        const msg = name ? `ReplicaSet "${name}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
        const condition = newCondition('Progressing', 'True', REASON.ReplicaSetUpdated, msg, now);
        // Progress moves lastUpdateTime even when the reason stays the same.
        if (current?.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
        if (current) removeCondition(status, 'Progressing');
        setCondition(status, condition);
      } else if (deploymentTimedOut(d, status, now)) {
        const msg = name ? `ReplicaSet "${name}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
        setCondition(status, newCondition('Progressing', 'False', REASON.TimedOut, msg, now));
      }
    }
    const failures = replicaFailures(allRSs, newRS);
    if (failures.length) setCondition(status, failures[0]!);
    else removeCondition(status, 'ReplicaFailure');

    if (statusEqual(d.status, status)) {
      this.requeueStuckDeployment(status, now);
      return;
    }
    d.status = status;
    await this.updateStatus();
  }

  /** A rollout still in progress is looked at again when its deadline passes. */
  private requeueStuckDeployment(status: DeploymentStatusX, now: Date): void {
    const d = this.d;
    const c = getCondition(status, 'Progressing');
    if (!hasProgressDeadline(d) || !c || c.reason === REASON.NewRSAvailable || c.reason === REASON.TimedOut) return;
    if (deploymentComplete(d, status)) return;
    const after = Date.parse(c.lastUpdateTime ?? '') + d.spec.progressDeadlineSeconds! * 1000 - now.getTime();
    this.a.requeueAfter(Math.max(after, 1000));
  }
}

/** Pods of the deployment grouped by the ReplicaSet that controls them (getPodMapForDeployment). */
export function podMapFor(rsList: ReplicaSet[], pods: Pod[]): Map<string, Pod[]> {
  const map = new Map<string, Pod[]>(rsList.map((rs) => [rs.metadata.uid!, []]));
  for (const pod of pods) {
    const ref = controllerOf(pod);
    if (ref && map.has(ref.uid)) map.get(ref.uid)!.push(pod);
  }
  return map;
}
