// The garbage collector (pkg/controller/garbagecollector): a graph of owner
// references over every kind the lab serves. Dependents of a deleted owner
// are deleted (Background); an owner marked foregroundDeletion waits until its
// blocking dependents are gone; an owner marked orphan lets its dependents go
// free first. Decisions come from decide(); this file keeps the graph and
// talks to the API server.
import type { KubeObject, OwnerReference } from '../../api/types';
import { runWorkers, WorkQueue } from '../../client/queue';
import { R, isConflict, isNotFound, type ResourceRef } from '../../client/rest';
import type { Controller, ControllerContext } from '../framework/controller';
import { isServed } from '../framework/discovery';
import { resourceFor } from '../framework/kinds';
import { decide, FOREGROUND, hasFinalizer, ORPHAN, removeFinalizerPatch, removeOwnersPatch, type OwnerClass } from './decide';

/** Everything that can own or be owned in the lab. */
const MONITORED: ResourceRef[] = [R.pods, R.replicasets, R.deployments, R.services, R.endpoints, R.endpointslices, R.configmaps, R.serviceaccounts, R.leases, R.nodes];

interface Node {
  ref: ResourceRef;
  object: KubeObject;
}

export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector-controller';
  /** attemptToDelete: uids of objects to judge. */
  private readonly attemptQueue = new WorkQueue();
  /** attemptToOrphan: uids of owners whose dependents are to be set free. */
  private readonly orphanQueue = new WorkQueue();
  private readonly nodes = new Map<string, Node>();
  /** owner uid -> uids of its dependents (the owner itself may be absent). */
  private readonly dependents = new Map<string, Set<string>>();
  private synced = false;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly options: { workers?: number } = {},
  ) {
    for (const ref of MONITORED.filter((r) => isServed(ctx.served, r))) {
      ctx.informers.get(ref).on({ add: (o) => this.observe(ref, o), update: (o, old) => this.observe(ref, o, old), delete: (o) => this.removed(ref, o) });
    }
  }

  run(): void {
    this.synced = true;
    // Anything whose owner was deleted while we were away.
    for (const [uid, node] of this.nodes) if (node.object.metadata.ownerReferences?.length) this.attemptQueue.add(uid);
    for (const [uid, node] of this.nodes) this.queueIfDeleting(uid, node.object);
    const log = (line: string) => this.ctx.log(`garbagecollector: ${line}`);
    runWorkers(this.attemptQueue, this.options.workers ?? 20, (uid) => this.attemptToDelete(uid), log);
    runWorkers(this.orphanQueue, 5, (uid) => this.attemptToOrphan(uid), log);
  }

  stop(): void {
    this.attemptQueue.shutdown();
    this.orphanQueue.shutdown();
  }

  // --- the graph ------------------------------------------------------------------------

  private link(uid: string, refs: OwnerReference[] | undefined, on: boolean): void {
    for (const r of refs ?? []) {
      let set = this.dependents.get(r.uid);
      if (on) {
        if (!set) this.dependents.set(r.uid, (set = new Set()));
        set.add(uid);
      } else if (set) {
        set.delete(uid);
        if (set.size === 0) this.dependents.delete(r.uid);
      }
    }
  }

  private observe(ref: ResourceRef, object: KubeObject, old?: KubeObject): void {
    const uid = object.metadata.uid;
    if (!uid) return;
    this.link(uid, old?.metadata.ownerReferences, false);
    this.link(uid, object.metadata.ownerReferences, true);
    this.nodes.set(uid, { ref, object });
    if (!this.synced) return;
    // An owner that is not in the graph may be gone: have a look (a live lookup decides).
    if ((object.metadata.ownerReferences ?? []).some((r) => !this.nodes.has(r.uid))) this.attemptQueue.add(uid);
    // References removed: owners waiting on this dependent may be free now.
    for (const r of old?.metadata.ownerReferences ?? []) {
      if (!(object.metadata.ownerReferences ?? []).some((x) => x.uid === r.uid)) this.queueIfDeleting(r.uid);
    }
    this.queueIfDeleting(uid, object);
  }

  private removed(_ref: ResourceRef, object: KubeObject): void {
    const uid = object.metadata.uid;
    if (!uid) return;
    this.nodes.delete(uid);
    this.link(uid, object.metadata.ownerReferences, false);
    if (!this.synced) return;
    for (const dep of this.dependents.get(uid) ?? []) this.attemptQueue.add(dep);
    // Owners waiting in the foreground for this one to be gone.
    for (const r of object.metadata.ownerReferences ?? []) this.queueIfDeleting(r.uid);
  }

  private queueIfDeleting(uid: string, object = this.nodes.get(uid)?.object): void {
    if (!object?.metadata.deletionTimestamp) return;
    if (hasFinalizer(object, FOREGROUND)) this.attemptQueue.add(uid);
    if (hasFinalizer(object, ORPHAN)) this.orphanQueue.add(uid);
  }

  // --- work -------------------------------------------------------------------------------

  /** A fresh copy: decisions are made on what the server says now. */
  private async latest(node: Node): Promise<KubeObject | undefined> {
    try {
      const o = await this.ctx.client.get(node.ref, node.object.metadata.namespace, node.object.metadata.name!);
      return o.metadata.uid === node.object.metadata.uid ? o : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  private async classify(item: KubeObject): Promise<Map<string, OwnerClass>> {
    const classes = new Map<string, OwnerClass>();
    for (const r of item.metadata.ownerReferences ?? []) {
      let owner = this.nodes.get(r.uid)?.object;
      if (!owner) {
        const ref = resourceFor(r.apiVersion, r.kind);
        // A kind we do not serve cannot be checked: better keep the dependent.
        if (!ref) {
          classes.set(r.uid, 'solid');
          continue;
        }
        try {
          const found = await this.ctx.client.get(ref, ref.namespaced ? item.metadata.namespace : undefined, r.name);
          owner = found.metadata.uid === r.uid ? found : undefined;
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      }
      if (!owner) classes.set(r.uid, 'dangling');
      else if (owner.metadata.deletionTimestamp && hasFinalizer(owner, FOREGROUND)) classes.set(r.uid, 'waiting');
      else classes.set(r.uid, 'solid');
    }
    return classes;
  }

  private async attemptToDelete(uid: string): Promise<void> {
    const node = this.nodes.get(uid);
    if (!node) return;
    const item = await this.latest(node);
    if (!item) return;
    if (item.metadata.deletionTimestamp && hasFinalizer(item, FOREGROUND)) return this.processDeletingDependents(node, item);
    const decision = decide(item, await this.classify(item), (this.dependents.get(uid)?.size ?? 0) > 0);
    const { namespace, name } = item.metadata;
    try {
      if (decision.action === 'removeOwners') {
        await this.ctx.client.patch(node.ref, namespace, name!, removeOwnersPatch(item, decision.uids));
      } else if (decision.action === 'delete') {
        this.ctx.log(`garbagecollector: deleting ${node.ref.resource} ${namespace ? `${namespace}/` : ''}${name} (${decision.policy})`);
        await this.ctx.client.delete(node.ref, namespace, name!, { propagationPolicy: decision.policy, preconditions: { uid: item.metadata.uid, resourceVersion: item.metadata.resourceVersion } });
      }
    } catch (err) {
      if (isNotFound(err)) return;
      if (isConflict(err)) throw new Error(`${node.ref.resource} ${name} changed; trying again`);
      throw err;
    }
  }

  /** An owner deleting in the foreground: done when no blocking dependent is left. */
  private async processDeletingDependents(node: Node, item: KubeObject): Promise<void> {
    const uid = item.metadata.uid!;
    const blocking = [...(this.dependents.get(uid) ?? [])].filter((d) => {
      const dep = this.nodes.get(d)?.object;
      return dep?.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion === true);
    });
    if (blocking.length === 0) {
      await this.patchFinalizers(node, item, FOREGROUND);
      return;
    }
    for (const d of blocking) {
      const dep = this.nodes.get(d)!.object;
      if (!(dep.metadata.deletionTimestamp && hasFinalizer(dep, FOREGROUND))) this.attemptQueue.add(d);
    }
  }

  private async attemptToOrphan(uid: string): Promise<void> {
    const node = this.nodes.get(uid);
    if (!node) return;
    const owner = await this.latest(node);
    if (!owner || !hasFinalizer(owner, ORPHAN)) return;
    for (const d of [...(this.dependents.get(uid) ?? [])]) {
      const dep = this.nodes.get(d);
      if (!dep) continue;
      const fresh = await this.latest(dep);
      if (!fresh || !fresh.metadata.ownerReferences?.some((r) => r.uid === uid)) continue;
      try {
        await this.ctx.client.patch(dep.ref, fresh.metadata.namespace, fresh.metadata.name!, removeOwnersPatch(fresh, [uid]));
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    await this.patchFinalizers(node, owner, ORPHAN);
  }

  private async patchFinalizers(node: Node, item: KubeObject, finalizer: string): Promise<void> {
    try {
      await this.ctx.client.patch(node.ref, item.metadata.namespace, item.metadata.name!, removeFinalizerPatch(item, finalizer));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
