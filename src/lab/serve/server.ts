// `kubelab serve`: the renderer as static files and the contract over a
// WebSocket, on 127.0.0.1 with a random token (guard.ts says who may in).
import { STATUS_CODES, createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_PATH, type ApiEvents, type WireServerMessage } from '../../shared/api';
import type { Engine } from '../bridge/engine';
import { openSession } from '../bridge/session';
import { ProtocolViolation, dispatch } from './dispatch';
import { checkRequest, type GuardConfig, type RequestFacts } from './guard';
import { SECURITY_HEADERS, serveStatic } from './static';
import { newToken } from './token-file';

export interface ServeOptions {
  engine: Engine;
  rendererDir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  token?: string;
}

export interface Serving {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

/** A browser tab's unread output beyond this is a stuck tab: its terminals are paused by flow control anyway. */
const MAX_BUFFERED = 8 << 20;

function facts(req: IncomingMessage): RequestFacts {
  return { url: req.url ?? '/', host: req.headers.host, origin: req.headers.origin, cookie: req.headers.cookie };
}

export async function serve(options: ServeOptions): Promise<Serving> {
  const token = options.token ?? newToken();
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 2 << 20 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const wildcard = options.host === '0.0.0.0' || options.host === '::';
  const hosts = [...new Set(['127.0.0.1', 'localhost', wildcard ? '*' : options.host.toLowerCase()])];
  const guard: GuardConfig = { token, port, hosts };

  server.on('request', (req, res) => {
    const verdict = checkRequest(facts(req), guard, 'page');
    if (!verdict.ok) {
      res.writeHead(verdict.status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`KubeLab: ${verdict.reason}\n`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, SECURITY_HEADERS);
      res.end();
      return;
    }
    if (verdict.redirect) {
      res.writeHead(303, { ...SECURITY_HEADERS, 'Set-Cookie': verdict.setCookie!, Location: verdict.redirect, 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    serveStatic(options.rendererDir, new URL(req.url ?? '/', 'http://x').pathname, res);
  });

  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '/').split('?')[0];
    const verdict = path === WS_PATH ? checkRequest(facts(req), guard, 'socket') : ({ ok: false, status: 403, reason: 'no such socket' } as const);
    if (!verdict.ok) {
      socket.end(`HTTP/1.1 ${verdict.status} ${STATUS_CODES[verdict.status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => connect(ws, options.engine));
  });

  const shownHost = wildcard ? '127.0.0.1' : options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function connect(ws: WebSocket, engine: Engine): void {
  const send = (m: WireServerMessage) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED) {
      ws.close(1013, 'the page does not keep up');
      return;
    }
    ws.send(JSON.stringify(m));
  };
  const session = openSession(engine, <E extends keyof ApiEvents>(e: E, p: ApiEvents[E]) => send({ t: 'event', e, p }));
  ws.on('message', (data, isBinary) => {
    if (isBinary) return ws.close(1003, 'text only');
    dispatch(session, data.toString(), send).catch((err: unknown) => {
      ws.close(1008, err instanceof ProtocolViolation ? err.message.slice(0, 100) : 'error');
    });
  });
  // A frame over maxPayload or a broken frame: ws closes the socket (1009, 1002) after
  // emitting 'error', which must have a listener or it would end the process.
  ws.on('error', () => undefined);
  ws.on('close', () => void session.dispose());
}
