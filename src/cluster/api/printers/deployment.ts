// printDeployment: READY as ready/desired, UP-TO-DATE, AVAILABLE, and in wide
// output the template's containers and the selector.

import { labelSelectorAsSelector } from '../selectors/label-selector-object';
import type { Deployment } from '../types';
import { ageColumn, column, containerCells, nameColumn, type Printer } from './columns';
import { deploymentDoc, templateDoc } from './descriptions';
import { translateTimestampSince } from './time';

// Unlike replicasets, deployments print the bare selector string ("" when empty).
function selectorString(d: Deployment): string {
  try {
    return labelSelectorAsSelector(d.spec?.selector).toString();
  } catch {
    return '<invalid>';
  }
}

export const deploymentPrinter: Printer<Deployment> = {
  columns: [
    nameColumn(),
    column('Ready', 'string', 'Number of the pod with ready state'),
    column('Up-to-date', 'string', deploymentDoc.updatedReplicas),
    column('Available', 'string', deploymentDoc.availableReplicas),
    ageColumn(),
    column('Containers', 'string', templateDoc.containers, 1),
    column('Images', 'string', templateDoc.images, 1),
    column('Selector', 'string', deploymentDoc.selector, 1),
  ],

  print(d, { wide, now }) {
    // spec.replicas defaults to 1.
    const desired = d.spec?.replicas ?? 1;
    const status = d.status ?? {};
    const cells: unknown[] = [
      d.metadata?.name ?? '',
      `${status.readyReplicas ?? 0}/${desired}`,
      status.updatedReplicas ?? 0,
      status.availableReplicas ?? 0,
      translateTimestampSince(d.metadata?.creationTimestamp, now),
    ];
    if (wide) cells.push(...containerCells(d.spec?.template?.spec?.containers), selectorString(d));
    return { cells };
  },
};
