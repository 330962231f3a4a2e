// An object's full YAML and its events, for the topology view's details pane.
import type { EventView, ObjectDetails, ObjectRef } from '../../shared/api';
import type { KubeList, KubeTransport } from './cluster/kube-http';

export function objectPath(ref: ObjectRef): string {
  const ns = encodeURIComponent(ref.namespace ?? 'default');
  const name = encodeURIComponent(ref.name);
  switch (ref.kind) {
    case 'Node':
      return `/api/v1/nodes/${name}`;
    case 'Pod':
      return `/api/v1/namespaces/${ns}/pods/${name}`;
    case 'Service':
      return `/api/v1/namespaces/${ns}/services/${name}`;
    case 'EndpointSlice':
      return `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices/${name}`;
  }
}

/* eslint-disable @typescript-eslint/no-explicit-any -- events arrive as JSON */
export function eventsFor(list: KubeList, ref: ObjectRef): EventView[] {
  return ((list.items ?? []) as any[])
    .filter((e) => e.involvedObject?.kind === ref.kind && e.involvedObject?.name === ref.name)
    .map((e) => ({
      type: e.type ?? 'Normal',
      reason: e.reason ?? '',
      message: e.message ?? '',
      count: e.count ?? 1,
      lastSeen: e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp,
      source: e.source?.component ?? e.reportingComponent,
    }))
    .sort((a, b) => String(a.lastSeen ?? '').localeCompare(String(b.lastSeen ?? '')));
}

export async function describeObject(http: KubeTransport, ref: ObjectRef): Promise<ObjectDetails> {
  const ns = ref.kind === 'Node' ? 'default' : (ref.namespace ?? 'default');
  const [object, events] = await Promise.all([
    http.get(objectPath(ref)),
    http.get(`/api/v1/namespaces/${encodeURIComponent(ns)}/events`).catch(() => ({ items: [] })),
  ]);
  return { object, events: eventsFor(events as KubeList, ref) };
}
