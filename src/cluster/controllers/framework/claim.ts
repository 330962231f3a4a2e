// ControllerRefManager's judgement (pkg/controller/controller_ref_manager.go):
// which objects a controller keeps, adopts (orphans its selector matches) or
// releases (its own that no longer match). The patches are made by the caller.
import type { KubeObject, OwnerReference } from '../../api/types';
import { controllerOf } from './objects';

export type Claim = 'keep' | 'adopt' | 'release' | 'ignore';

export function claimDecision(owner: KubeObject, object: KubeObject, matches: boolean): Claim {
  const ref = controllerOf(object);
  if (ref) {
    if (ref.uid !== owner.metadata.uid) return 'ignore';
    if (matches) return 'keep';
    // An owner on its way out lets go of nothing: the garbage collector handles its dependents.
    return owner.metadata.deletionTimestamp ? 'ignore' : 'release';
  }
  if (owner.metadata.deletionTimestamp || !matches || object.metadata.deletionTimestamp) return 'ignore';
  return 'adopt';
}

/** The merge patch that adopts `object`, guarded by its resourceVersion. */
export function adoptPatch(object: KubeObject, ref: OwnerReference): unknown {
  return { metadata: { ownerReferences: [...(object.metadata.ownerReferences ?? []), ref], resourceVersion: object.metadata.resourceVersion } };
}

/** The merge patch that releases `object` from the owner with `uid`. */
export function releasePatch(object: KubeObject, uid: string): unknown {
  const rest = (object.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
  return { metadata: { ownerReferences: rest.length ? rest : null, resourceVersion: object.metadata.resourceVersion } };
}
