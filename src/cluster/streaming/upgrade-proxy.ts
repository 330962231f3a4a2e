// The API server's half of exec and attach: kubectl's upgrade request is
// replayed to the kubelet and, from then on, bytes flow both ways untouched
// (what kube-apiserver's UpgradeAwareHandler does). Whatever the kubelet
// answers — 101 and the session, or an error — reaches kubectl as sent.
import type { IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { writeHttpResponse } from './http-reply';

// Hop-by-hop headers are for this connection only; the upgrade pair is re-added.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host', 'proxy-authorization', 'proxy-authenticate']);

export function upgradeRequestHead(req: IncomingMessage, target: URL): string {
  const lines = [`${req.method ?? 'GET'} ${target.pathname}${target.search} HTTP/1.1`, `Host: ${target.host}`];
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (!HOP_BY_HOP.has(raw[i]!.toLowerCase())) lines.push(`${raw[i]}: ${raw[i + 1]}`);
  }
  lines.push('Connection: Upgrade', `Upgrade: ${req.headers.upgrade ?? 'websocket'}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Go's net.Dial error text, which kube-apiserver passes on: `dial tcp 10.100.0.101:10250: connect: connection refused`. */
export function dialErrorText(target: URL, err: NodeJS.ErrnoException): string {
  const why: Record<string, string> = {
    ECONNREFUSED: 'connect: connection refused',
    EHOSTUNREACH: 'connect: no route to host',
    ENETUNREACH: 'connect: network is unreachable',
    ETIMEDOUT: 'i/o timeout',
    ECONNRESET: 'read: connection reset by peer',
  };
  return `dial tcp ${target.host}: ${why[err.code ?? ''] ?? err.message}`;
}

/** A metav1.Status for an error that is not one (errors.ErrorToAPIStatus): reason empty, code 500. */
export function unknownErrorStatus(message: string): string {
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 });
}

export interface ProxyOptions {
  /** Give up on a kubelet that does not accept the connection in time. */
  connectTimeoutMs?: number;
  onError?: (err: unknown) => void;
}

/**
 * Pipes an upgrade request (from the API server's 'upgrade' event) to the
 * kubelet URL. Resolves when both sides are closed.
 */
export function proxyUpgrade(req: IncomingMessage, client: Duplex, head: Buffer, target: URL, options: ProxyOptions = {}): Promise<void> {
  return new Promise((resolve) => {
    const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
    const upstream: Socket = connect({ host: target.hostname, port });
    let connected = false;
    const timer = setTimeout(() => upstream.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })), options.connectTimeoutMs ?? 10_000);

    upstream.once('connect', () => {
      connected = true;
      clearTimeout(timer);
      upstream.setNoDelay(true);
      upstream.write(upgradeRequestHead(req, target));
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (!connected) {
        writeHttpResponse(client, 500, unknownErrorStatus(`error dialing backend: ${dialErrorText(target, err)}`), 'application/json');
      } else {
        options.onError?.(err);
        client.destroy();
      }
    });
    client.on('error', (err) => {
      options.onError?.(err);
      upstream.destroy();
    });
    let open = 2;
    const closed = () => {
      if (--open === 0) resolve();
    };
    upstream.once('close', () => {
      client.end();
      closed();
    });
    client.once('close', () => {
      upstream.destroy();
      closed();
    });
  });
}
