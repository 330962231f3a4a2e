// pods/log (and the other kubelet-served subresources): the API server finds
// the pod's node and forwards to the kubelet there, as kube-apiserver does.
import http from 'node:http';
import { statusErrors } from '../../api/errors';
import type { Node, Pod } from '../../api/types';
import type { ServerContext } from '../context';
import { fail } from '../errors';
import { logLocation } from '../../streaming';
import type { ApiRequest } from '../request';
import { findResource } from '../resources';

const NODES = findResource('', 'v1', 'nodes')!;
export const KUBELET_PORT = 10250;

/** The kubelet address (host:port) for the node running `pod`. */
export function kubeletFor(ctx: ServerContext, pod: Pod): { host: string; port: number } {
  if (!pod.spec.nodeName) fail(statusErrors.badRequest(`pod ${pod.metadata.name} does not have a host assigned`));
  // GetConnectionInfo: the node must exist and have an address of a preferred type; its
  // "no preferred addresses" error is not a Status, so it reaches the client as a bare 500.
  const node = ctx.store.tryGet(NODES, undefined, pod.spec.nodeName) as Node | undefined;
  if (!node) fail(statusErrors.notFound({ group: '', resource: 'nodes' }, pod.spec.nodeName));
  const addresses = node.status?.addresses ?? [];
  const ip = addresses.find((a) => a.type === 'InternalIP')?.address;
  if (!ip) fail(statusErrors.unknownError(`no preferred addresses found; known addresses: [${addresses.map((a) => `{${a.type} ${a.address}}`).join(' ')}]`));
  return { host: ip, port: node.status?.daemonEndpoints?.kubeletEndpoint?.Port ?? KUBELET_PORT };
}

export async function handleLog(r: ApiRequest, ctx: ServerContext): Promise<void> {
  const pod = ctx.store.get(r.info, r.namespace, r.name!) as Pod;
  const location = logLocation(pod, r.query, kubeletFor(ctx, pod));
  if ('badRequest' in location) fail(statusErrors.badRequest(location.badRequest));
  if ('empty' in location) {
    r.res.writeHead(200, { 'Content-Type': 'text/plain' });
    return void r.res.end();
  }
  const url = location.url;
  await new Promise<void>((resolve, reject) => {
    const upstream = http.get({ host: url.hostname, port: url.port, path: url.pathname + url.search }, (res) => {
      if ((res.statusCode ?? 500) >= 400) {
        // The kubelet's refusal is plain text; clients get it as a Status, as kube-apiserver wraps it.
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => reject(Object.assign(new Error('kubelet refused'), { status: { ...statusErrors.badRequest(Buffer.concat(chunks).toString().trim()), code: res.statusCode ?? 400 } })));
        return;
      }
      r.res.writeHead(200, { 'Content-Type': res.headers['content-type'] ?? 'text/plain', 'Transfer-Encoding': 'chunked' });
      res.pipe(r.res);
      res.on('end', resolve);
      res.on('error', reject);
    });
    upstream.on('error', (err) => reject(Object.assign(err, { status: statusErrors.internalError(`Get "https://${url.host}${url.pathname}": ${err.message}`) })));
    r.req.on('close', () => upstream.destroy());
  });
}
