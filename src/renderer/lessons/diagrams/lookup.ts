// Finding the lesson's objects in the live cluster view: a Service by name,
// pods by label selector, nodes and hosts. Pure.
import type { ClusterView, HostView, LessonDiagramObject, LessonDiagramFacts, NodeView, PodView, ServiceView } from '../../../shared/api';

const split = (ref: string, fallback = 'default') => {
  const slash = ref.indexOf('/');
  return slash > 0 && !ref.slice(0, slash).includes('=') ? { namespace: ref.slice(0, slash), rest: ref.slice(slash + 1) } : { namespace: fallback, rest: ref };
};

export function service(v: ClusterView | undefined, ref: string | undefined): ServiceView | undefined {
  if (!v || !ref) return undefined;
  const { namespace, rest } = split(ref);
  return v.services.find((s) => s.namespace === namespace && s.name === rest);
}

/** Pods of a selector ("app=webui", "kube-system/k8s-app=kube-proxy") that are not going away, in name order as kubectl lists them. */
export function podsOf(v: ClusterView | undefined, selector: string | undefined): PodView[] {
  if (!v || !selector) return [];
  const { namespace, rest } = split(selector);
  const want = rest.split(',').map((kv) => kv.split('=').map((x) => x.trim()) as [string, string]);
  return v.pods
    .filter((p) => p.namespace === namespace && p.status !== 'Terminating' && want.every(([k, val]) => p.labels[k] === val))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export const node = (v: ClusterView | undefined, name: string | undefined): NodeView | undefined => v?.nodes.find((n) => n.name === name);
export const host = (v: ClusterView | undefined, name: string | undefined): HostView | undefined => v?.hosts.find((h) => h.name === name);

/** PORT(S) as `kubectl get svc` prints it: 80/TCP, 80:30200/TCP. */
export const portsText = (s: ServiceView) => s.ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol}`).join(',') || '<none>';

export const nodePortOf = (s: ServiceView | undefined) => s?.ports.find((p) => p.nodePort)?.nodePort;

/** The pods behind a Service, by its ready endpoints; before it has any, the pods its selector would take. */
export function podsBehind(v: ClusterView | undefined, svc: ServiceView | undefined, selector: string | undefined): PodView[] {
  const pods = podsOf(v, selector);
  const ready = svc?.endpoints.filter((e) => e.ready).map((e) => e.ip) ?? [];
  if (!ready.length) return pods;
  const behind = (v?.pods ?? []).filter((p) => p.ip && ready.includes(p.ip));
  return behind.sort((a, b) => a.name.localeCompare(b.name));
}

/** Is this object of the diagram there, live? (The legend ticks it; an empty picture says so.) */
export function present(o: LessonDiagramObject, v: ClusterView | undefined, facts: LessonDiagramFacts | undefined): boolean {
  switch (o.kind) {
    case 'Service':
      return Boolean(service(v, o.name));
    case 'EndpointSlice':
      return Boolean(service(v, o.name)?.endpoints.some((e) => e.ready));
    case 'Pod':
      return podsOf(v, o.selector).length > 0;
    case 'Node':
      return Boolean(node(v, o.name));
    case 'Host':
      return host(v, o.name)?.state === 'running';
    case 'Rules':
      return Boolean(facts?.rules.some((r) => r.service === o.name && r.host === o.host && r.entries.length > 0));
    case 'DnsAnswer':
      return Boolean(facts?.dns.some((d) => d.service === o.name && d.status === 'NOERROR' && d.records.length > 0));
  }
}
