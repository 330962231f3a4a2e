// ?labelSelector= and ?fieldSelector= as one predicate over objects.
import { compileFieldSelector, compileLabelSelector, matchesFieldSelector } from '../api/selectors';
import type { KubeObject } from '../api/types';

export type ObjectFilter = (object: KubeObject) => boolean;

export function objectFilter(resource: string, query: URLSearchParams): ObjectFilter {
  const labelText = query.get('labelSelector') ?? '';
  const fieldText = query.get('fieldSelector') ?? '';
  const labels = labelText ? compileLabelSelector(labelText) : undefined;
  const fields = fieldText ? compileFieldSelector(resource, fieldText) : undefined;
  if (!labels && !fields) return () => true;
  return (object) => (!labels || labels.matches(object.metadata.labels ?? {})) && (!fields || matchesFieldSelector(resource, fields, object));
}
