// Plain label maps (labels.Set): the selector a Service's spec.selector means,
// and the `k=v,k2=v2` text printers show for one.

import { compareGoStrings } from './go-format';
import { Selector } from './label-selector';

/** labels.Set.String(): keys sorted, `k=v` joined by commas. */
export function labelSetString(set: Readonly<Record<string, string>> | undefined): string {
  if (!set) return '';
  return Object.keys(set)
    .sort(compareGoStrings)
    .map((k) => `${k}=${set[k]}`)
    .join(',');
}

/** labels.FormatLabels: like labelSetString, but `<none>` for an empty set. */
export function formatLabels(set: Readonly<Record<string, string>> | undefined): string {
  const s = labelSetString(set);
  return s === '' ? '<none>' : s;
}

/**
 * labels.SelectorFromSet: matches exactly the given labels; an empty or missing
 * set selects everything. Like upstream it does not validate.
 */
export function selectorFromSet(set: Readonly<Record<string, string>> | undefined): Selector {
  if (!set || Object.keys(set).length === 0) return Selector.everything();
  return Selector.of(Object.entries(set).map(([key, value]) => ({ key, operator: '=' as const, values: [value] })));
}
