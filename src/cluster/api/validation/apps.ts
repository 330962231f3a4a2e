// Deployments and ReplicaSets (pkg/apis/apps/validation/validation.go, plus the
// selector immutability the apps/v1 registry strategy adds on update). Struct
// bad values are internal apps types: Go field names, no JSON tags.

import { fieldErrors as fe, FieldPath, goStruct, type FieldError } from '../errors';
import type { Deployment, LabelSelector, PodTemplateSpec, ReplicaSet } from '../types';
import { selectorIsEmpty, selectorMatches, validateLabelSelector } from './labels';
import { validateImmutableField, validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate } from './metadata';
import { isQualifiedName, isValidLabelValue, isValidPercent, nameIsDNSSubdomain } from './names';
import { validatePodTemplateSpec } from './podspec';

const spec = FieldPath.of('spec');

/** metav1.LabelSelector as Go marshals it (it has JSON tags, empty fields omitted). */
function selectorValue(sel: LabelSelector | undefined | null): unknown {
  if (!sel) return null;
  const ml = sel.matchLabels && Object.keys(sel.matchLabels).length > 0 ? sel.matchLabels : undefined;
  const me = sel.matchExpressions && sel.matchExpressions.length > 0
    ? sel.matchExpressions.map((r) => goStruct({ key: r.key, operator: r.operator, values: r.values && r.values.length > 0 ? r.values : undefined }))
    : undefined;
  return goStruct({ matchLabels: ml, matchExpressions: me });
}

function validateSelector(sel: LabelSelector | undefined, path: FieldPath, kindWord: string): FieldError[] {
  if (sel === undefined || sel === null) return [fe.required(path)];
  const errs = validateLabelSelector(sel, path);
  if (selectorIsEmpty(sel)) errs.push(fe.invalid(path, selectorValue(sel), `empty selector is invalid for ${kindWord}`));
  return errs;
}

/** Whether metav1.LabelSelectorAsSelector accepts the selector (labels.NewRequirement's checks). */
function selectorParses(sel: LabelSelector | undefined | null): boolean {
  if (!sel) return true;
  const keyOk = (k: string): boolean => isQualifiedName(k).length === 0;
  const valueOk = (v: string): boolean => isValidLabelValue(v).length === 0;
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (!keyOk(k) || !valueOk(v)) return false;
  for (const r of sel.matchExpressions ?? []) {
    const values = r.values ?? [];
    if (!keyOk(r.key ?? '') || !values.every(valueOk)) return false;
    if ((r.operator === 'In' || r.operator === 'NotIn') && values.length === 0) return false;
    if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && values.length > 0) return false;
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(r.operator)) return false;
  }
  return true;
}

/**
 * The selector-to-template part of ValidateDeploymentSpec/ValidateReplicaSetSpec
 * and ValidatePodTemplateSpecForReplicaSet. A missing selector selects nothing,
 * so upstream also reports that the template labels do not match it.
 */
function validateTemplate(tpl: PodTemplateSpec | undefined, sel: LabelSelector | undefined, kind: string): FieldError[] {
  if (!selectorParses(sel)) return [fe.invalid(spec.child('selector'), selectorValue(sel), 'invalid label selector')];
  const path = spec.child('template');
  // The template is a struct in Go, never nil: a missing one is an empty one.
  const t: PodTemplateSpec = tpl ?? ({ spec: { containers: [] } } as unknown as PodTemplateSpec);
  const errs: FieldError[] = [];
  const everything = sel !== undefined && sel !== null && selectorIsEmpty(sel);
  if (!everything && !(sel && selectorMatches(sel, t.metadata?.labels))) {
    errs.push(fe.invalid(path.child('metadata', 'labels'), t.metadata?.labels ?? null, '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(t, path));
  const rp = t.spec?.restartPolicy ?? '';
  if (rp !== 'Always') errs.push(fe.notSupported(path.child('spec', 'restartPolicy'), rp, ['Always']));
  if (t.spec?.activeDeadlineSeconds !== undefined && t.spec?.activeDeadlineSeconds !== null) {
    errs.push(fe.forbidden(path.child('spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errs;
}

type IntOrString = number | string | undefined | null;

function percentValue(v: IntOrString): number | undefined {
  return typeof v === 'string' && isValidPercent(v).length === 0 ? Number(v.slice(0, -1)) : undefined;
}

function intOrPercentValue(v: IntOrString): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  if (typeof v === 'number') return v;
  // intstr.IntValue() of a non-numeric string is 0.
  const n = typeof v === 'string' ? Number.parseInt(v, 10) : 0;
  return Number.isNaN(n) ? 0 : n;
}

function validatePositiveIntOrPercent(v: IntOrString, path: FieldPath): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => fe.invalid(path, v, m));
  return validateNonnegativeField(typeof v === 'number' ? v : 0, path);
}

function validateStrategy(d: Deployment, path: FieldPath): FieldError[] {
  const s = d.spec?.strategy ?? {};
  const ru = s.rollingUpdate;
  switch (s.type) {
    case 'Recreate':
      return ru ? [fe.forbidden(path.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate': {
      if (!ru) return [fe.required(path.child('rollingUpdate'), 'this should be defaulted and never be nil')];
      const p = path.child('rollingUpdate');
      const errs = [
        ...validatePositiveIntOrPercent(ru.maxUnavailable, p.child('maxUnavailable')),
        ...validatePositiveIntOrPercent(ru.maxSurge, p.child('maxSurge')),
      ];
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(fe.invalid(p.child('maxUnavailable'), ru.maxUnavailable ?? 0, 'may not be 0 when `maxSurge` is 0'));
      }
      const pu = percentValue(ru.maxUnavailable);
      if (pu !== undefined && pu > 100) errs.push(fe.invalid(p.child('maxUnavailable'), ru.maxUnavailable, 'must not be greater than 100%'));
      return errs;
    }
    default: {
      const value = goStruct({
        Type: s.type ?? '',
        RollingUpdate: ru ? goStruct({ MaxUnavailable: ru.maxUnavailable ?? 0, MaxSurge: ru.maxSurge ?? 0 }) : null,
      });
      return [fe.notSupported(path, value, ['Recreate', 'RollingUpdate'])];
    }
  }
}

function validateDeploymentSpec(d: Deployment): FieldError[] {
  const s = d.spec ?? ({} as Deployment['spec']);
  const errs = validateNonnegativeField(s.replicas ?? 0, spec.child('replicas'));
  errs.push(...validateSelector(s.selector, spec.child('selector'), 'deployment'));
  errs.push(...validateTemplate(s.template, s.selector, 'ReplicaSet'));
  errs.push(...validateStrategy(d, spec.child('strategy')));
  errs.push(...validateNonnegativeField(s.minReadySeconds ?? 0, spec.child('minReadySeconds')));
  if (s.revisionHistoryLimit !== undefined && s.revisionHistoryLimit !== null) {
    errs.push(...validateNonnegativeField(s.revisionHistoryLimit, spec.child('revisionHistoryLimit')));
  }
  if (s.progressDeadlineSeconds !== undefined && s.progressDeadlineSeconds !== null) {
    errs.push(...validateNonnegativeField(s.progressDeadlineSeconds, spec.child('progressDeadlineSeconds')));
    if (s.progressDeadlineSeconds <= (s.minReadySeconds ?? 0)) {
      errs.push(fe.invalid(spec.child('progressDeadlineSeconds'), s.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

export function validateDeployment(d: Deployment): FieldError[] {
  return [...validateObjectMeta(d.metadata, true, nameIsDNSSubdomain), ...validateDeploymentSpec(d)];
}

export function validateDeploymentUpdate(d: Deployment, old: Deployment): FieldError[] {
  return [
    ...validateObjectMetaUpdate(d.metadata, old.metadata),
    ...validateDeploymentSpec(d),
    ...validateImmutableField(selectorValue(d.spec?.selector), selectorValue(old.spec?.selector), spec.child('selector')),
  ];
}

function validateReplicaSetSpec(rs: ReplicaSet): FieldError[] {
  const s = rs.spec ?? ({} as ReplicaSet['spec']);
  const errs = validateNonnegativeField(s.replicas ?? 0, spec.child('replicas'));
  errs.push(...validateNonnegativeField(s.minReadySeconds ?? 0, spec.child('minReadySeconds')));
  // Upstream's message says "deployment" for ReplicaSets too.
  errs.push(...validateSelector(s.selector, spec.child('selector'), 'deployment'));
  errs.push(...validateTemplate(s.template, s.selector, 'ReplicaSet'));
  return errs;
}

export function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  return [...validateObjectMeta(rs.metadata, true, nameIsDNSSubdomain), ...validateReplicaSetSpec(rs)];
}

export function validateReplicaSetUpdate(rs: ReplicaSet, old: ReplicaSet): FieldError[] {
  return [
    ...validateObjectMetaUpdate(rs.metadata, old.metadata),
    ...validateReplicaSetSpec(rs),
    ...validateImmutableField(selectorValue(rs.spec?.selector), selectorValue(old.spec?.selector), spec.child('selector')),
  ];
}
