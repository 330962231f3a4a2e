// pods/log (and the other kubelet-served subresources): the API server finds
// the pod's node and forwards to the kubelet there, as kube-apiserver does.
import http from 'node:http';
import { statusErrors } from '../../api/errors';
import type { Node, Pod } from '../../api/types';
import type { ServerContext } from '../context';
import { fail } from '../errors';
import type { ApiRequest } from '../request';
import { findResource } from '../resources';

const NODES = findResource('', 'v1', 'nodes')!;
export const KUBELET_PORT = 10250;

/** The kubelet address (host:port) for the node running `pod`. */
export function kubeletFor(ctx: ServerContext, pod: Pod): { host: string; port: number } {
  if (!pod.spec.nodeName) fail(statusErrors.badRequest(`pod ${pod.metadata.name} does not have a host assigned`));
  const node = ctx.store.tryGet(NODES, undefined, pod.spec.nodeName) as Node | undefined;
  const ip = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  if (!ip) fail(statusErrors.internalError(`no InternalIP for node ${pod.spec.nodeName}`));
  return { host: ip, port: node?.status?.daemonEndpoints?.kubeletEndpoint?.Port ?? KUBELET_PORT };
}

function containerName(pod: Pod, requested: string | null, verb: string): string {
  const names = pod.spec.containers.map((c) => c.name);
  if (requested) {
    if (!names.includes(requested)) fail(statusErrors.badRequest(`container ${requested} is not valid for pod ${pod.metadata.name}`));
    return requested;
  }
  if (names.length === 1) return names[0]!;
  fail(statusErrors.badRequest(`a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]${verb === 'log' ? ' or one of the init containers: []' : ''}`));
}

export async function handleLog(r: ApiRequest, ctx: ServerContext): Promise<void> {
  const pod = ctx.store.get(r.info, r.namespace, r.name!) as Pod;
  const container = containerName(pod, r.query.get('container'), 'log');
  const status = pod.status?.containerStatuses?.find((c) => c.name === container);
  if (!status?.state?.running && !status?.state?.terminated && !status?.lastState?.terminated) {
    const reason = status?.state?.waiting?.reason ?? 'ContainerCreating';
    fail(statusErrors.badRequest(`container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${reason}`));
  }
  const { host, port } = kubeletFor(ctx, pod);
  const q = new URLSearchParams();
  for (const key of ['follow', 'tailLines', 'timestamps', 'previous', 'sinceSeconds', 'limitBytes']) {
    const v = r.query.get(key);
    if (v !== null) q.set(key, v);
  }
  const path = `/containerLogs/${encodeURIComponent(pod.metadata.namespace!)}/${encodeURIComponent(pod.metadata.name!)}/${encodeURIComponent(container)}?${q}`;
  await new Promise<void>((resolve, reject) => {
    const upstream = http.get({ host, port, path }, (res) => {
      r.res.writeHead(res.statusCode ?? 500, { 'Content-Type': res.headers['content-type'] ?? 'text/plain', 'Transfer-Encoding': 'chunked' });
      res.pipe(r.res);
      res.on('end', resolve);
      res.on('error', reject);
    });
    upstream.on('error', (err) => reject(Object.assign(err, { status: statusErrors.internalError(`Get "https://${host}:${port}${path}": ${err.message}`) })));
    r.req.on('close', () => upstream.destroy());
  });
}
