// printNamespace: NAME STATUS AGE, the status being the phase as stored.

import type { Namespace } from '../types';
import { ageColumn, column, nameColumn, type Printer } from './columns';
import { translateTimestampSince } from './time';

export const namespacePrinter: Printer<Namespace> = {
  columns: [nameColumn(), column('Status', 'string', 'The status of the namespace'), ageColumn()],
  print(ns, { now }) {
    return {
      cells: [ns.metadata?.name ?? '', ns.status?.phase ?? '', translateTimestampSince(ns.metadata?.creationTimestamp, now)],
    };
  },
};
