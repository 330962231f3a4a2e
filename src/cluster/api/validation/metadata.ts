// ObjectMeta on create and update (k8s.io/apimachinery/pkg/api/validation/objectmeta.go,
// plus the finalizer-name check pkg/apis/core/validation adds on top).

import { fieldErrors as fe, FieldPath, goQuote, goStruct, type FieldError } from '../errors';
import type { ObjectMeta, OwnerReference } from '../types';
import { validateAnnotations, validateLabels } from './labels';
import { isQualifiedName, nameIsDNSLabel, type NameValidator } from './names';

export const FIELD_IMMUTABLE = 'field is immutable';
export const IS_NEGATIVE = 'must be greater than or equal to 0';

export function validateNonnegativeField(value: number, path: FieldPath | string): FieldError[] {
  return value < 0 ? [fe.invalid(path, value, IS_NEGATIVE)] : [];
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Go's semantic equality treats a missing field and its zero value alike only for
  // nil vs empty; JSON round-trips give us undefined for both.
  if (a === undefined || a === null) return b === undefined || b === null;
  if (typeof a !== 'object' || typeof b !== 'object' || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export { deepEqual };

/** ValidateImmutableField: the bad value printed is the new one. */
export function validateImmutableField(newVal: unknown, oldVal: unknown, path: FieldPath | string): FieldError[] {
  return deepEqual(newVal, oldVal) ? [] : [fe.invalid(path, newVal ?? null, FIELD_IMMUTABLE)];
}

const standardFinalizers = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** validateKubeFinalizerName: an unqualified finalizer must be one Kubernetes knows. */
export function validateKubeFinalizerName(value: string, path: FieldPath): FieldError[] {
  if (value.split('/').length === 1 && !standardFinalizers.has(value)) {
    return [fe.invalid(path, value, 'name is neither a standard finalizer name nor is it fully qualified')];
  }
  return [];
}

function validateFinalizers(finalizers: string[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of finalizers) for (const msg of isQualifiedName(f)) errs.push(fe.invalid(path, f, msg));
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errs.push(fe.invalid(path, finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

function ownerRefValue(r: OwnerReference): unknown {
  return goStruct({ apiVersion: r.apiVersion ?? '', kind: r.kind ?? '', name: r.name ?? '', uid: r.uid ?? '', controller: r.controller, blockOwnerDeletion: r.blockOwnerDeletion });
}

function validateOwnerReferences(refs: OwnerReference[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const r of refs) {
    const apiVersion = r.apiVersion ?? '';
    const parts = apiVersion.split('/');
    const version = parts.length === 1 ? parts[0] : parts.length === 2 ? parts[1] : '';
    if (version === '') errs.push(fe.invalid(path.child('apiVersion'), apiVersion, 'version must not be empty'));
    if (!r.kind) errs.push(fe.invalid(path.child('kind'), r.kind ?? '', 'must not be empty'));
    if (!r.name) errs.push(fe.invalid(path.child('name'), r.name ?? '', 'must not be empty'));
    if (!r.uid) errs.push(fe.invalid(path.child('uid'), r.uid ?? '', 'must not be empty'));
    if (apiVersion === 'v1' && r.kind === 'Event') {
      errs.push(fe.invalid(path, ownerRefValue(r), '/v1, Kind=Event is disallowed from being an owner'));
    }
    if (r.controller) {
      const cur = `${r.kind}/${r.name}`;
      if (firstController !== '') {
        errs.push(fe.invalid(path, refs.map(ownerRefValue),
          `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`));
      } else {
        firstController = cur;
      }
    }
  }
  return errs;
}

function validateCommon(meta: ObjectMeta, namespaced: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (namespaced) {
    if (!meta.namespace) errs.push(fe.required(path.child('namespace')));
    else for (const msg of nameIsDNSLabel(meta.namespace, false)) errs.push(fe.invalid(path.child('namespace'), meta.namespace, msg));
  } else if (meta.namespace) {
    errs.push(fe.forbidden(path.child('namespace'), 'not allowed on this type'));
  }
  errs.push(...validateNonnegativeField(meta.generation ?? 0, path.child('generation')));
  errs.push(...validateLabels(meta.labels, path.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences ?? [], path.child('ownerReferences')));
  errs.push(...validateFinalizers(meta.finalizers ?? [], path.child('finalizers')));
  return errs;
}

function kubeFinalizers(meta: ObjectMeta, path: FieldPath): FieldError[] {
  return (meta.finalizers ?? []).flatMap((f, i) => validateKubeFinalizerName(f, path.child('finalizers').index(i)));
}

/** core's ValidateObjectMeta: names by the kind's rule, then the shared checks. */
export function validateObjectMeta(meta: ObjectMeta | undefined, namespaced: boolean, nameFn: NameValidator,
  path: FieldPath = FieldPath.of('metadata')): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  if (m.generateName) {
    for (const msg of nameFn(m.generateName, true)) errs.push(fe.invalid(path.child('generateName'), m.generateName, msg));
  }
  if (!m.name) errs.push(fe.required(path.child('name'), 'name or generateName is required'));
  else for (const msg of nameFn(m.name, false)) errs.push(fe.invalid(path.child('name'), m.name, msg));
  errs.push(...validateCommon(m, namespaced, path));
  errs.push(...kubeFinalizers(m, path));
  return errs;
}

/** core's ValidateObjectMetaUpdate. */
export function validateObjectMetaUpdate(newMeta: ObjectMeta | undefined, oldMeta: ObjectMeta | undefined,
  path: FieldPath = FieldPath.of('metadata')): FieldError[] {
  const n = newMeta ?? {};
  const o = oldMeta ?? {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    const extra = [...new Set(n.finalizers ?? [])].filter((f) => !(o.finalizers ?? []).includes(f)).sort();
    if (extra.length > 0) {
      errs.push(fe.forbidden(path.child('finalizers'),
        `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra.map(goQuote).join(', ')}}`));
    }
  }
  if (!n.resourceVersion) errs.push(fe.invalid(path.child('resourceVersion'), n.resourceVersion ?? '', 'must be specified for an update'));
  if ((n.generation ?? 0) < (o.generation ?? 0)) errs.push(fe.invalid(path.child('generation'), n.generation ?? 0, 'must not be decremented'));
  errs.push(...validateImmutableField(n.name ?? '', o.name ?? '', path.child('name')));
  errs.push(...validateImmutableField(n.namespace ?? '', o.namespace ?? '', path.child('namespace')));
  errs.push(...validateImmutableField(n.uid ?? '', o.uid ?? '', path.child('uid')));
  errs.push(...validateImmutableField(n.creationTimestamp ?? null, o.creationTimestamp ?? null, path.child('creationTimestamp')));
  errs.push(...validateImmutableField(n.deletionTimestamp ?? null, o.deletionTimestamp ?? null, path.child('deletionTimestamp')));
  errs.push(...validateImmutableField(n.deletionGracePeriodSeconds ?? null, o.deletionGracePeriodSeconds ?? null, path.child('deletionGracePeriodSeconds')));
  errs.push(...validateLabels(n.labels, path.child('labels')));
  errs.push(...validateAnnotations(n.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(n.ownerReferences ?? [], path.child('ownerReferences')));
  errs.push(...kubeFinalizers(n, path));
  return errs;
}
