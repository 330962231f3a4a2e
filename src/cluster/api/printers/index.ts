// Server-side Table printing for `kubectl get`, as kube-apiserver does it.

export { toTable, toTableForObject, columnDefinitionsFor } from './table';
export type { IncludeObject, TableOptions } from './table';
export { asPartialObjectMetadata } from './partial-metadata';
export type { PartialObjectMetadata } from './partial-metadata';
export { humanDuration, shortHumanDuration } from './duration';
export { parseTime, translateTimestampSince } from './time';
export type { TableRowCondition } from './columns';
