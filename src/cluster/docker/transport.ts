// HTTP to the Docker Engine API over its unix socket (or TCP), with Node's
// http module only. Three shapes of call: a buffered JSON exchange, a response
// stream (logs, events, pulls), and a hijacked connection (exec, attach).
import { Agent, request, type ClientRequest, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { DockerEndpoint } from './endpoint';
import { DockerError, dockerMessageOf } from './errors';

/** Docker 20.10 speaks 1.41; newer engines still accept it, so behaviour stays fixed. */
export const DOCKER_API_VERSION = '1.41';

export type Query = Record<string, string | number | boolean | undefined>;

export interface CallOptions {
  method: string;
  path: string;
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export function buildPath(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined) continue;
    params.set(k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
  const qs = params.toString();
  return `/v${DOCKER_API_VERSION}${path}${qs ? `?${qs}` : ''}`;
}

function readAll(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

export class Transport {
  // Keep-alive: the kubelet polls inspect often, and a new unix connection per call is waste.
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 16 });

  constructor(readonly endpoint: DockerEndpoint) {}

  private open(opts: CallOptions, extra: { agent?: Agent | false; headers?: Record<string, string> } = {}): { req: ClientRequest; path: string } {
    const path = buildPath(opts.path, opts.query);
    const payload = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
    const headers: Record<string, string> = { ...opts.headers, ...extra.headers };
    if (payload) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(payload.length);
    }
    const req = request({
      socketPath: this.endpoint.socketPath,
      host: this.endpoint.socketPath ? 'localhost' : this.endpoint.host,
      port: this.endpoint.socketPath ? undefined : this.endpoint.port,
      method: opts.method,
      path,
      headers,
      agent: extra.agent ?? this.agent,
      signal: opts.signal,
    });
    if (payload) req.write(payload);
    return { req, path };
  }

  /** A response stream for a 2xx answer; a DockerError otherwise. */
  stream(opts: CallOptions): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const { req, path } = this.open(opts);
      req.on('error', reject);
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) return resolve(res);
        readAll(res).then(
          (body) => reject(new DockerError(status, status === 304 ? '' : dockerMessageOf(body), opts.method, path)),
          reject,
        );
      });
      req.end();
    });
  }

  /** The parsed JSON answer (undefined for an empty body). */
  async json<T>(opts: CallOptions): Promise<T> {
    const res = await this.stream(opts);
    const text = await readAll(res);
    return (text.trim() === '' ? undefined : JSON.parse(text)) as T;
  }

  /**
   * The connection itself after Docker switches protocols (`Upgrade: tcp`):
   * bytes written go to the process's stdin, bytes read are its output.
   * `head` holds output that arrived with the switch.
   */
  hijack(opts: CallOptions): Promise<{ socket: Socket; head: Buffer }> {
    return new Promise((resolve, reject) => {
      const { req, path } = this.open(opts, { agent: false, headers: { Connection: 'Upgrade', Upgrade: 'tcp' } });
      req.on('error', reject);
      req.on('upgrade', (_res, socket, head) => resolve({ socket, head }));
      req.on('response', (res) => {
        // Docker answers 200 instead of 101 only when it could not switch; report what it said.
        const status = res.statusCode ?? 0;
        readAll(res).then((body) => reject(new DockerError(status, dockerMessageOf(body), opts.method, path)), reject);
      });
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
