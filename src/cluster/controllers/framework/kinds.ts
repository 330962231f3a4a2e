// The kinds our controllers refer to in owner references and events (list
// items carry no apiVersion/kind, so references name them explicitly).
import type { GroupVersionKind } from '../../client/events';
import { R, type ResourceRef } from '../../client/rest';

export const KIND = {
  Pod: { apiVersion: 'v1', kind: 'Pod' },
  Service: { apiVersion: 'v1', kind: 'Service' },
  Endpoints: { apiVersion: 'v1', kind: 'Endpoints' },
  Node: { apiVersion: 'v1', kind: 'Node' },
  Namespace: { apiVersion: 'v1', kind: 'Namespace' },
  ConfigMap: { apiVersion: 'v1', kind: 'ConfigMap' },
  ServiceAccount: { apiVersion: 'v1', kind: 'ServiceAccount' },
  Deployment: { apiVersion: 'apps/v1', kind: 'Deployment' },
  ReplicaSet: { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  EndpointSlice: { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice' },
  Lease: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease' },
} satisfies Record<string, GroupVersionKind>;

const BY_KIND: [GroupVersionKind, ResourceRef][] = [
  [KIND.Pod, R.pods],
  [KIND.Service, R.services],
  [KIND.Endpoints, R.endpoints],
  [KIND.Node, R.nodes],
  [KIND.Namespace, R.namespaces],
  [KIND.ConfigMap, R.configmaps],
  [KIND.ServiceAccount, R.serviceaccounts],
  [KIND.Deployment, R.deployments],
  [KIND.ReplicaSet, R.replicasets],
  [KIND.EndpointSlice, R.endpointslices],
  [KIND.Lease, R.leases],
];

/** The resource of an apiVersion/kind (the RESTMapper's job), if we serve it. */
export function resourceFor(apiVersion: string, kind: string): ResourceRef | undefined {
  return BY_KIND.find(([gvk]) => gvk.apiVersion === apiVersion && gvk.kind === kind)?.[1];
}
