// pods/exec and pods/attach: the client's upgrade request is forwarded to the
// kubelet running the pod (src/cluster/streaming), as kube-apiserver does.
import type { Duplex } from 'node:stream';
import { statusErrors } from '../../api/errors';
import type { Pod } from '../../api/types';
import { proxyUpgrade as pipeToKubelet, streamLocation } from '../../streaming';
import type { ServerContext } from '../context';
import type { ApiRequest } from '../request';
import { kubeletFor } from './kubelet-proxy';

function refuse(socket: Duplex, code: number, status: unknown): void {
  const body = JSON.stringify(status);
  socket.end(`HTTP/1.1 ${code} Error\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

export function proxyUpgrade(r: ApiRequest, socket: Duplex, head: Buffer, ctx: ServerContext): void {
  try {
    const pod = ctx.store.get(r.info, r.namespace, r.name!) as Pod;
    if (r.subresource !== 'exec' && r.subresource !== 'attach') return refuse(socket, 400, statusErrors.badRequest(`${r.subresource} is not supported by KubeLab`));
    const location = streamLocation(r.subresource, pod, r.query, kubeletFor(ctx, pod));
    if ('badRequest' in location) return refuse(socket, 400, statusErrors.badRequest(location.badRequest));
    void pipeToKubelet(r.req, socket, head, location.url);
  } catch (err) {
    const status = (err as { status?: { code?: number } }).status;
    refuse(socket, status?.code ?? 500, status ?? statusErrors.internalError(String(err)));
  }
}
