// metav1.LabelSelector (matchLabels + matchExpressions), as Deployments and
// ReplicaSets carry it: conversion to a Selector and the text printers show.

import type { LabelSelector } from '../types';
import { compareGoStrings, goQuote } from './go-format';
import { newRequirement, RequirementError, type LabelOperator, type Requirement } from './label-requirement';
import { Selector } from './label-selector';

const operators: Record<string, LabelOperator> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * metav1.LabelSelectorAsSelector: a missing selector selects nothing, an empty
 * one everything. Throws RequirementError with upstream's message when invalid.
 */
export function labelSelectorAsSelector(ls: LabelSelector | null | undefined): Selector {
  if (!ls) return Selector.nothing();
  const matchLabels = ls.matchLabels ?? {};
  const expressions = ls.matchExpressions ?? [];
  if (Object.keys(matchLabels).length + expressions.length === 0) return Selector.everything();
  const requirements: Requirement[] = [];
  // Go ranges over the map in random order; sorted keys make the first error deterministic.
  for (const key of Object.keys(matchLabels).sort(compareGoStrings)) {
    requirements.push(newRequirement(key, '=', [matchLabels[key]]));
  }
  for (const expr of expressions) {
    const op = Object.prototype.hasOwnProperty.call(operators, expr.operator) ? operators[expr.operator] : undefined;
    if (op === undefined) throw new RequirementError(`${goQuote(String(expr.operator))} is not a valid label selector operator`);
    // append([]string(nil), expr.Values...) stays nil when there are no values.
    const values = expr.values && expr.values.length > 0 ? [...expr.values] : null;
    requirements.push(newRequirement(expr.key, op, values));
  }
  return Selector.of(requirements);
}

/** metav1.FormatLabelSelector: `<error>` when invalid, `<none>` when it prints empty. */
export function formatLabelSelector(ls: LabelSelector | null | undefined): string {
  let text: string;
  try {
    text = labelSelectorAsSelector(ls).toString();
  } catch {
    return '<error>';
  }
  return text === '' ? '<none>' : text;
}

/** Whether labels satisfy a metav1.LabelSelector (false when the selector is invalid, as controllers treat it). */
export function matchesLabelSelector(
  ls: LabelSelector | null | undefined,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  try {
    return labelSelectorAsSelector(ls).matches(labels);
  } catch {
    return false;
  }
}
