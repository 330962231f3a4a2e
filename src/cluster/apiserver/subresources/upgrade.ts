// pods/exec and pods/attach: the client's upgrade request (WebSocket or SPDY)
// is forwarded to the kubelet running the pod, and the two connections are
// joined byte for byte once the kubelet accepts it.
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { Pod } from '../../api/types';
import type { ServerContext } from '../context';
import type { ApiRequest } from '../request';
import { kubeletFor } from './kubelet-proxy';

function refuse(socket: Duplex, code: number, status: unknown): void {
  const body = JSON.stringify(status);
  socket.end(`HTTP/1.1 ${code} Error\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

export function proxyUpgrade(r: ApiRequest, socket: Duplex, head: Buffer, ctx: ServerContext): void {
  let pod: Pod;
  let target: { host: string; port: number };
  try {
    pod = ctx.store.get(r.info, r.namespace, r.name!) as Pod;
    target = kubeletFor(ctx, pod);
  } catch (err) {
    const status = (err as { status?: { code?: number } }).status;
    return refuse(socket, status?.code ?? 500, status ?? { message: String(err) });
  }
  let container = r.query.get('container');
  if (!container && pod.spec.containers.length === 1) container = pod.spec.containers[0]!.name;
  const query = new URLSearchParams(r.query);
  query.delete('container');
  const path = `/${r.subresource}/${encodeURIComponent(pod.metadata.namespace!)}/${encodeURIComponent(pod.metadata.name!)}/${encodeURIComponent(container ?? '')}?${query}`;
  const upstream = net.connect(target.port, target.host);
  upstream.on('connect', () => {
    const lines = [`${r.req.method} ${path} HTTP/1.1`];
    for (let i = 0; i < r.req.rawHeaders.length; i += 2) {
      const name = r.req.rawHeaders[i]!;
      if (name.toLowerCase() === 'host') lines.push(`Host: ${target.host}:${target.port}`);
      else lines.push(`${name}: ${r.req.rawHeaders[i + 1]}`);
    }
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  const close = () => {
    upstream.destroy();
    socket.destroy();
  };
  upstream.on('error', (err) => {
    if (!upstream.readyState || upstream.connecting) refuse(socket, 500, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `error dialing backend: ${err.message}`, code: 500 });
    else close();
  });
  socket.on('error', close);
  socket.on('close', () => upstream.destroy());
  upstream.on('close', () => socket.destroy());
}
