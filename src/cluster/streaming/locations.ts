// Where the API server sends exec, attach and log requests for a pod
// (pkg/registry/core/pod/strategy.go streamLocation / LogLocation): the
// container is checked or chosen, and kubectl's options become the kubelet's
// query. Errors are the API server's BadRequest texts.
import type { Pod } from '../api/types';

export interface KubeletEndpoint {
  host: string;
  port: number;
}

export type Location = { url: URL } | { badRequest: string };

function names(containers: readonly { name: string }[] | undefined): string {
  return (containers ?? []).map((c) => c.name).join(' ');
}

/** The container to use: the one asked for (which must exist) or the only one. */
export function chooseContainer(pod: Pod, requested: string | null | undefined): { container: string } | { badRequest: string } {
  const name = pod.metadata.name ?? '';
  const all = [...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...((pod.spec.ephemeralContainers as { name: string }[] | undefined) ?? [])];
  if (requested) {
    return all.some((c) => c.name === requested) ? { container: requested } : { badRequest: `container ${requested} is not valid for pod ${name}` };
  }
  if (pod.spec.containers.length === 1) return { container: pod.spec.containers[0]!.name };
  let message = `a container name must be specified for pod ${name}, choose one of: [${names(pod.spec.containers)}]`;
  if ((pod.spec.initContainers ?? []).length > 0) message += ` or one of the init containers: [${names(pod.spec.initContainers)}]`;
  return { badRequest: message };
}

const truthy = (q: URLSearchParams, name: string) => {
  const v = q.get(name);
  return v !== null && v !== 'false' && v !== '0';
};

/**
 * `/api/v1/namespaces/<ns>/pods/<pod>/exec?command=…&stdin=true&container=c`
 * → `http://<node>:10250/exec/<ns>/<pod>/<c>?command=…&stdin=1`.
 */
export function streamLocation(kind: 'exec' | 'attach', pod: Pod, query: URLSearchParams, kubelet: KubeletEndpoint): Location {
  const name = pod.metadata.name ?? '';
  const chosen = chooseContainer(pod, query.get('container'));
  if ('badRequest' in chosen) return chosen;
  if (!pod.spec.nodeName) return { badRequest: `pod ${name} does not have a host assigned` };
  const params = new URLSearchParams();
  for (const s of ['stdin', 'stdout', 'stderr', 'tty']) if (truthy(query, s)) params.append(s, '1');
  if (kind === 'exec') {
    const command = query.getAll('command');
    if (command.length === 0) return { badRequest: 'you must specify at least one command for the container' };
    for (const c of command) params.append('command', c);
  }
  const path = `/${kind}/${encodeURIComponent(pod.metadata.namespace ?? 'default')}/${encodeURIComponent(name)}/${encodeURIComponent(chosen.container)}`;
  return { url: new URL(`http://${kubelet.host}:${kubelet.port}${path}?${params.toString()}`) };
}

/** `…/pods/<pod>/log?container=c&follow=true&tailLines=5` → `/containerLogs/<ns>/<pod>/<c>?follow=true&tailLines=5`. */
export function logLocation(pod: Pod, query: URLSearchParams, kubelet: KubeletEndpoint): Location | { empty: true } {
  const chosen = chooseContainer(pod, query.get('container'));
  if ('badRequest' in chosen) return chosen;
  // A pod not yet on a node has no log: the API server answers with an empty body.
  if (!pod.spec.nodeName) return { empty: true };
  const params = new URLSearchParams();
  for (const b of ['follow', 'previous', 'timestamps']) if (query.get(b) === 'true') params.set(b, 'true');
  for (const n of ['sinceSeconds', 'sinceTime', 'tailLines', 'limitBytes']) {
    const v = query.get(n);
    if (v !== null && v !== '') params.set(n, v);
  }
  const path = `/containerLogs/${encodeURIComponent(pod.metadata.namespace ?? 'default')}/${encodeURIComponent(pod.metadata.name ?? '')}/${encodeURIComponent(chosen.container)}`;
  const qs = params.toString();
  return { url: new URL(`http://${kubelet.host}:${kubelet.port}${path}${qs ? `?${qs}` : ''}`) };
}
