// Patches as kube-apiserver applies them: JSON patch, JSON merge patch and
// strategic merge patch, and the whole PATCH flow with strict field validation.
export { applyPatch, patchTypeOf, JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, type PatchType, type KindRef } from './apply';
export { patchObject, type PatchObjectArgs, type PatchResult } from './resource';
export { PatchError } from './errors';
