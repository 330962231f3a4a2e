// The garbage collector's judgement of one dependent (garbagecollector.go,
// attemptToDeleteItem): with every owner classified, keep it, cut the
// references to owners that are gone, or delete it — in the foreground when
// an owner waits for its dependents and it has dependents of its own.
import type { KubeObject } from '../../api/types';

export const FOREGROUND = 'foregroundDeletion';
export const ORPHAN = 'orphan';

/** solid: exists and stays; dangling: gone (or another object of that name); waiting: deleting in the foreground. */
export type OwnerClass = 'solid' | 'dangling' | 'waiting';

export type Decision =
  | { action: 'none' }
  | { action: 'removeOwners'; uids: string[] }
  | { action: 'delete'; policy: 'Background' | 'Foreground' | 'Orphan' };

export const hasFinalizer = (o: KubeObject, f: string): boolean => (o.metadata.finalizers ?? []).includes(f);

export function decide(item: KubeObject, owners: Map<string, OwnerClass>, hasDependents: boolean): Decision {
  const refs = item.metadata.ownerReferences ?? [];
  if (refs.length === 0) return { action: 'none' };
  // Already going away, unless it still has to take its dependents with it.
  if (item.metadata.deletionTimestamp && !hasFinalizer(item, FOREGROUND)) return { action: 'none' };
  const solid = refs.filter((r) => owners.get(r.uid) === 'solid');
  const dangling = refs.filter((r) => owners.get(r.uid) === 'dangling');
  const waiting = refs.filter((r) => owners.get(r.uid) === 'waiting');
  if (solid.length) {
    if (!dangling.length && !waiting.length) return { action: 'none' };
    return { action: 'removeOwners', uids: [...dangling, ...waiting].map((r) => r.uid) };
  }
  if (waiting.length && hasDependents) return { action: 'delete', policy: 'Foreground' };
  if (hasFinalizer(item, ORPHAN)) return { action: 'delete', policy: 'Orphan' };
  if (hasFinalizer(item, FOREGROUND)) return { action: 'delete', policy: 'Foreground' };
  return { action: 'delete', policy: 'Background' };
}

/** The merge patch that removes owner references, guarded by the resourceVersion. */
export function removeOwnersPatch(item: KubeObject, uids: string[]): unknown {
  const rest = (item.metadata.ownerReferences ?? []).filter((r) => !uids.includes(r.uid));
  return { metadata: { ownerReferences: rest.length ? rest : null, resourceVersion: item.metadata.resourceVersion } };
}

export function removeFinalizerPatch(item: KubeObject, finalizer: string): unknown {
  const rest = (item.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  return { metadata: { finalizers: rest.length ? rest : null, resourceVersion: item.metadata.resourceVersion } };
}
