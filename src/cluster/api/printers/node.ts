// printNode: STATUS from the Ready condition (plus SchedulingDisabled when
// cordoned), ROLES from node-role.kubernetes.io/* and kubernetes.io/role labels.

import { compareGoStrings } from '../selectors/go-format';
import type { Node, NodeCondition } from '../types';
import { ageColumn, column, nameColumn, type Printer } from './columns';
import { nodeDoc } from './descriptions';
import { translateTimestampSince } from './time';

const labelNodeRolePrefix = 'node-role.kubernetes.io/';
const nodeLabelRole = 'kubernetes.io/role';

export function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(labelNodeRolePrefix)) {
      const role = k.slice(labelNodeRolePrefix.length);
      if (role.length > 0) roles.add(role);
    } else if (k === nodeLabelRole && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort(compareGoStrings);
}

function nodeStatus(node: Node): string {
  const conditions = new Map<string, NodeCondition>();
  for (const c of node.status?.conditions ?? []) conditions.set(c.type, c);
  const status: string[] = [];
  // Only the Ready condition is shown (NodeAllConditions in printers.go).
  const ready = conditions.get('Ready');
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

function address(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

export const nodePrinter: Printer<Node> = {
  columns: [
    nameColumn(),
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    ageColumn(),
    column('Version', 'string', nodeDoc.kubeletVersion),
    column('Internal-IP', 'string', nodeDoc.addresses, 1),
    column('External-IP', 'string', nodeDoc.addresses, 1),
    column('OS-Image', 'string', nodeDoc.osImage, 1),
    column('Kernel-Version', 'string', nodeDoc.kernelVersion, 1),
    column('Container-Runtime', 'string', nodeDoc.containerRuntimeVersion, 1),
  ],

  print(node, { wide, now }) {
    const info = node.status?.nodeInfo ?? {};
    const cells: unknown[] = [
      node.metadata?.name ?? '',
      nodeStatus(node),
      findNodeRoles(node).join(',') || '<none>',
      translateTimestampSince(node.metadata?.creationTimestamp, now),
      info.kubeletVersion ?? '',
    ];
    if (wide) {
      cells.push(
        address(node, 'InternalIP'),
        address(node, 'ExternalIP'),
        info.osImage || '<unknown>',
        info.kernelVersion || '<unknown>',
        info.containerRuntimeVersion || '<unknown>',
      );
    }
    return { cells };
  },
};
