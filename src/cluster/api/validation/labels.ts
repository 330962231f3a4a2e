// Labels, annotations and label selectors
// (k8s.io/apimachinery/pkg/apis/meta/v1/validation and pkg/api/validation).
// Go walks maps in random order; we walk keys sorted so messages are stable.

import { fieldErrors as fe, FieldPath, type FieldError } from '../errors';
import type { LabelSelector, LabelSelectorRequirement } from '../types';
import { isQualifiedName, isValidLabelValue } from './names';

export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

const sortedKeys = (m: Record<string, unknown>): string[] => Object.keys(m).sort();

export function validateLabelName(name: string, path: FieldPath | string): FieldError[] {
  return isQualifiedName(name).map((msg) => fe.invalid(path, name, msg));
}

export function validateLabels(labels: Record<string, string> | undefined, path: FieldPath | string): FieldError[] {
  const errs: FieldError[] = [];
  if (!labels) return errs;
  for (const k of sortedKeys(labels)) {
    errs.push(...validateLabelName(k, path));
    const v = labels[k];
    if (typeof v !== 'string') continue;
    for (const msg of isValidLabelValue(v)) errs.push(fe.invalid(path, v, msg));
  }
  return errs;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, path: FieldPath | string): FieldError[] {
  const errs: FieldError[] = [];
  if (!annotations) return errs;
  let total = 0;
  for (const k of sortedKeys(annotations)) {
    // Annotation keys are qualified names in any letter case.
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(fe.invalid(path, k, msg));
    total += Buffer.byteLength(k) + Buffer.byteLength(String(annotations[k] ?? ''));
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(fe.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

function validateRequirement(sr: LabelSelectorRequirement, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const values = sr.values ?? [];
  switch (sr.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(fe.required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(fe.forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      errs.push(fe.invalid(path.child('operator'), sr.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(sr.key ?? '', path.child('key')));
  values.forEach((v, i) => {
    for (const msg of isValidLabelValue(v)) errs.push(fe.invalid(path.child('values').index(i), v, msg));
  });
  return errs;
}

export function validateLabelSelector(sel: LabelSelector | undefined | null, path: FieldPath): FieldError[] {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, path.child('matchLabels'));
  (sel.matchExpressions ?? []).forEach((r, i) => errs.push(...validateRequirement(r, path.child('matchExpressions').index(i))));
  return errs;
}

/** Whether a selector selects nothing-in-particular (LabelSelectorAsSelector(...).Empty()). */
export function selectorIsEmpty(sel: LabelSelector | undefined | null): boolean {
  return !sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0);
}

/** labels.Selector.Matches for a metav1.LabelSelector; an empty selector matches everything. */
export function selectorMatches(sel: LabelSelector | undefined | null, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const r of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const values = r.values ?? [];
    switch (r.operator) {
      case 'In': if (!has || !values.includes(l[r.key])) return false; break;
      case 'NotIn': if (has && values.includes(l[r.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}
