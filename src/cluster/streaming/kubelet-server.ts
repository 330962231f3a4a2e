// The kubelet's streaming endpoints, as the API server reaches them on port
// 10250: exec and attach over the remote-command WebSocket protocols, and
// containerLogs as plain text. Mount it on the kubelet's own HTTP server with
// handleRequest/handleUpgrade, or let it listen by itself.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { pipeline } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { DockerClient } from '../docker/client';
import { runAttach } from './attach';
import { runExec } from './exec';
import { writeHttpResponse } from './http-reply';
import { ByteLimit, dockerLogOptions, parseLogOptions, TimestampRewriter, type PodLogOptions } from './logs';
import { PROTOCOL, selectProtocol } from './protocol';
import { parseCommand, parseKubeletPath, parseStreamOptions, type KubeletRoute } from './request';
import { isRefusal, type ContainerTarget, type StreamRefusal } from './target';
import { ChannelSession } from './ws-session';

export interface ContainerQuery {
  namespace: string;
  pod: string;
  /** Present when the API server names the pod's UID in the path. */
  uid?: string;
  container: string;
}

export interface KubeletStreamingOptions {
  docker: DockerClient;
  /**
   * The running container for exec and attach; null when there is none (the
   * kubelet answers `container not found ("<name>")`), or a refusal with its
   * own status and text (e.g. 404 `pod does not exist`).
   */
  resolveContainer(query: ContainerQuery & { kind: 'exec' | 'attach' }): Promise<ContainerTarget | StreamRefusal | null>;
  /** The container whose log to serve (see logTarget()), or a refusal (400 with the kubelet's message). */
  resolveLogs(query: ContainerQuery & { options: PodLogOptions }): Promise<ContainerTarget | StreamRefusal>;
  host?: string;
  /** 10250 in the lab; 0 picks a free port. */
  port?: number;
  onError?: (err: unknown) => void;
}

export interface KubeletStreamingServer {
  /** Handles GET /containerLogs/…; answers false for other paths (so the caller can route them). */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  /** Handles an upgrade to /exec/… or /attach/…; answers false for other paths. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  listen(): Promise<{ host: string; port: number }>;
  close(): Promise<void>;
  readonly server: Server;
}

const NOT_FOUND = '404 page not found\n';

/** The request's URL; undefined for a target no URL parser accepts (Go's net/http answers those 400 itself). */
function requestURL(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://kubelet');
  } catch {
    return undefined;
  }
}

function isWebSocket(req: IncomingMessage): boolean {
  return (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
}

function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  if (!header) return [];
  return header.split(',').map((p) => p.trim()).filter((p) => p !== '');
}

export function createKubeletStreamingServer(options: KubeletStreamingOptions): KubeletStreamingServer {
  const report = (err: unknown) => {
    try {
      options.onError?.(err);
    } catch {
      // A failing logger must not take the kubelet down.
    }
  };
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, handleProtocols: (offered) => selectProtocol(offered) ?? false });
  const sessions = new Set<ChannelSession>();

  async function upgrade(route: KubeletRoute, req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): Promise<void> {
    if (!isWebSocket(req)) {
      // kubectl before 1.30 (and as a fallback) asks for SPDY, which this kubelet does not speak.
      return writeHttpResponse(socket, 400, 'this kubelet serves exec and attach over WebSockets only (v5.channel.k8s.io, kubectl 1.30 or newer); SPDY is not supported');
    }
    const opts = parseStreamOptions(url.searchParams);
    if ('error' in opts) return writeHttpResponse(socket, 400, opts.error);
    const command = parseCommand(url.searchParams);
    if (route.kind === 'exec' && command.length === 0) return writeHttpResponse(socket, 400, 'you must specify at least one command for the container');
    const offered = offeredProtocols(req);
    // No subprotocol at all is wsstream's "" protocol: the v1 binary channels.
    const protocol = offered.length === 0 ? PROTOCOL.v1 : selectProtocol(offered);
    if (!protocol) return writeHttpResponse(socket, 400, `requested protocol(s) are not supported: [${offered.join(' ')}]; supports [${Object.values(PROTOCOL).join(' ')}]`);

    const kind = route.kind as 'exec' | 'attach';
    const found = await options.resolveContainer({ kind, namespace: route.namespace, pod: route.pod, uid: route.uid, container: route.container });
    if (isRefusal(found)) return writeHttpResponse(socket, found.status, found.message);
    if (!found) {
      const message = kind === 'exec' ? `container not found (${JSON.stringify(route.container)})` : `container ${route.container} not found in pod ${route.pod}_${route.namespace}`;
      return writeHttpResponse(socket, 500, message);
    }
    // Attach must follow the container's own TTY setting, whatever was asked.
    const streams = kind === 'attach' ? { ...opts, tty: found.tty, stderr: opts.stderr && !found.tty } : opts;

    wss.handleUpgrade(req, socket, head, (ws) => {
      const session = new ChannelSession(ws, protocol, streams);
      sessions.add(session);
      const run = kind === 'exec' ? runExec(session, options.docker, found, command, report) : runAttach(session, options.docker, found, report);
      run.catch(report).finally(() => sessions.delete(session));
    });
  }

  async function serveLogs(route: KubeletRoute, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const opts = parseLogOptions(url.searchParams);
    if ('status' in opts) {
      res.writeHead(opts.status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(opts.message);
      return;
    }
    const found = await options.resolveLogs({ namespace: route.namespace, pod: route.pod, container: route.container, options: opts });
    if (isRefusal(found)) {
      res.writeHead(found.status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(found.message);
      return;
    }
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const logs = await options.docker.containerLogs(found.id, found.tty, { ...dockerLogOptions(opts), signal: abort.signal });
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    // Headers now, so a follow with nothing to say yet is not mistaken for a hang.
    res.flushHeaders();
    const stages: NodeJS.ReadWriteStream[] = [];
    if (opts.timestamps) stages.push(new TimestampRewriter());
    if (opts.limitBytes !== undefined) stages.push(new ByteLimit(opts.limitBytes));
    // The callback form takes an array on every Node the hosts run (18+).
    await new Promise<void>((resolve, reject) => pipeline([logs, ...stages, res], (err) => (err ? reject(err) : resolve()))).catch((err: unknown) => {
      // The client leaving mid-follow is the normal end of a follow.
      if (!abort.signal.aborted && (err as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') report(err);
      res.destroy();
    });
  }

  function handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
    const url = requestURL(req);
    if (!url) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end('400 Bad Request');
      return true;
    }
    const route = parseKubeletPath(url.pathname);
    if (!route) return false;
    if (route.kind !== 'containerLogs') {
      // exec and attach need a protocol upgrade.
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Upgrade request required');
      return true;
    }
    if (req.method !== 'GET') {
      res.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8' }).end('405: Method Not Allowed');
      return true;
    }
    serveLogs(route, req, res, url).catch((err) => {
      report(err);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(err instanceof Error ? err.message : String(err));
      else res.destroy();
    });
    return true;
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = requestURL(req);
    if (!url) {
      writeHttpResponse(socket, 400, '400 Bad Request');
      return true;
    }
    const route = parseKubeletPath(url.pathname);
    if (!route || route.kind === 'containerLogs') return false;
    // A client that drops its connection is no fault of the kubelet's.
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') report(err);
    });
    upgrade(route, req, socket, head, url).catch((err) => {
      report(err);
      writeHttpResponse(socket, 500, err instanceof Error ? err.message : String(err));
    });
    return true;
  }

  const server = createServer((req, res) => {
    if (!handleRequest(req, res)) res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(NOT_FOUND);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!handleUpgrade(req, socket, head)) writeHttpResponse(socket, 404, NOT_FOUND);
  });

  return {
    handleRequest,
    handleUpgrade,
    server,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 10250, options.host ?? '0.0.0.0', () => {
          const addr = server.address() as AddressInfo;
          resolve({ host: addr.address, port: addr.port });
        });
      }),
    close: () =>
      new Promise((resolve) => {
        for (const s of sessions) s.finish('{"metadata":{},"status":"Failure","message":"kubelet is shutting down"}');
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}
