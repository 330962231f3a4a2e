// printReplicaSet: DESIRED, CURRENT, READY as numbers; wide adds containers,
// images and the selector (metav1.FormatLabelSelector, so "<none>" when empty).

import { formatLabelSelector } from '../selectors/label-selector-object';
import type { ReplicaSet } from '../types';
import { ageColumn, column, containerCells, nameColumn, type Printer } from './columns';
import { replicaSetDoc, templateDoc } from './descriptions';
import { translateTimestampSince } from './time';

export const replicaSetPrinter: Printer<ReplicaSet> = {
  columns: [
    nameColumn(),
    column('Desired', 'integer', replicaSetDoc.specReplicas),
    column('Current', 'integer', replicaSetDoc.statusReplicas),
    column('Ready', 'integer', replicaSetDoc.readyReplicas),
    ageColumn(),
    column('Containers', 'string', templateDoc.containers, 1),
    column('Images', 'string', templateDoc.images, 1),
    column('Selector', 'string', replicaSetDoc.selector, 1),
  ],

  print(rs, { wide, now }) {
    const cells: unknown[] = [
      rs.metadata?.name ?? '',
      rs.spec?.replicas ?? 1,
      rs.status?.replicas ?? 0,
      rs.status?.readyReplicas ?? 0,
      translateTimestampSince(rs.metadata?.creationTimestamp, now),
    ];
    if (wide) cells.push(...containerCells(rs.spec?.template?.spec?.containers), formatLabelSelector(rs.spec?.selector));
    return { cells };
  },
};
