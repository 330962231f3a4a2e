// The table a resource without its own printer gets (apiserver
// registry/rest/table.go, defaultTableConvertor): NAME and CREATED AT, the
// creation time as an RFC 3339 timestamp, which kubectl prints as it is.

import { column, nameColumn, type Printer } from './columns';
import { objectMetaDoc } from './descriptions';
import { parseTime } from './time';

// metav1.Time marshals to whole seconds in UTC; Go's zero time prints as year 1.
function rfc3339(value: string | undefined): string {
  const t = parseTime(value);
  if (t === undefined) return '0001-01-01T00:00:00Z';
  return new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export const defaultPrinter: Printer = {
  columns: [nameColumn(), column('Created At', 'date', objectMetaDoc.creationTimestamp)],
  print(obj) {
    return { cells: [obj.metadata?.name ?? '', rfc3339(obj.metadata?.creationTimestamp)] };
  },
};
