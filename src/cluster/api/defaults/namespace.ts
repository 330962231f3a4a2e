// Cluster-scoped kinds. SetDefaults_Namespace labels every named namespace with
// its own name (kubernetes.io/metadata.name), which selectors across namespaces
// rely on; SetDefaults_NodeStatus makes allocatable default to capacity.

import type { Namespace, Node } from '../types';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export function defaultNamespace(ns: Namespace): void {
  if (ns.metadata?.name) {
    ns.metadata.labels ??= {};
    ns.metadata.labels[NAMESPACE_NAME_LABEL] = ns.metadata.name;
  }
  // The status is a struct, so SetDefaults_NamespaceStatus always runs.
  ns.status ??= {};
  if (!ns.status.phase) ns.status.phase = 'Active';
}

export function defaultNode(node: Node): void {
  const status = node.status;
  if (status?.capacity && !status.allocatable) status.allocatable = { ...status.capacity };
}
