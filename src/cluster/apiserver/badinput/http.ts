// Raw HTTP for the bad-input tests: any method, path, headers and body bytes,
// an answer or a timeout — never an exception for what the server says.
import { request } from 'node:http';
import { connect } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** The body was cut off on purpose (a watch: headers are enough). */
  partial: boolean;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Resolve once the headers arrive, and drop the connection (watches stream forever). */
  headersOnly?: boolean;
  timeoutMs?: number;
}

/** Sends one request; rejects only when the server does not answer in time or drops the connection. */
export function send(base: string, r: RawRequest): Promise<RawResponse> {
  const url = new URL(base);
  const timeoutMs = r.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const body = r.body === undefined ? undefined : Buffer.isBuffer(r.body) ? r.body : Buffer.from(r.body, 'utf8');
    const headers: Record<string, string | number> = { ...(r.headers ?? {}) };
    if (body !== undefined) headers['Content-Length'] = body.length;
    const req = request(
      { host: url.hostname, port: url.port, method: r.method, path: r.path, headers, agent: false, insecureHTTPParser: false },
      (res) => {
        const chunks: Buffer[] = [];
        if (r.headersOnly && res.statusCode === 200) {
          clearTimeout(timer);
          req.destroy();
          resolve({ status: res.statusCode, headers: res.headers, body: Buffer.alloc(0), partial: true });
          return;
        }
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), partial: false });
        });
        res.on('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(body);
  });
}

/** Writes bytes on a fresh TCP connection and collects whatever comes back until the server closes it (or the timeout). */
export function sendBytes(base: string, bytes: Buffer | string, timeoutMs = 3000): Promise<string> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(url.port), url.hostname, () => socket.write(bytes));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    }, timeoutMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** A metav1.Status failure, or a description of why the body is not one. */
export function statusProblem(res: RawResponse): string | undefined {
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/json')) return `Content-Type ${JSON.stringify(type)} is not JSON`;
  let status: Record<string, unknown>;
  try {
    status = JSON.parse(res.body.toString('utf8')) as Record<string, unknown>;
  } catch (err) {
    return `body is not JSON (${(err as Error).message}): ${res.body.toString('utf8').slice(0, 200)}`;
  }
  if (status.kind !== 'Status' || status.apiVersion !== 'v1') return `not a v1 Status: ${JSON.stringify(status).slice(0, 300)}`;
  if (status.status !== 'Failure') return `status is ${JSON.stringify(status.status)}, not Failure`;
  if (status.code !== res.status) return `code ${JSON.stringify(status.code)} differs from the HTTP status ${res.status}`;
  if (typeof status.message !== 'string' || status.message === '') return 'no message';
  return undefined;
}

let gcFn: (() => void) | undefined;

/**
 * Runs a full garbage collection. Node exposes gc() only with --expose-gc, which
 * vitest's workers do not get; setting the flag at run time and taking gc from a
 * fresh context works on every Node the project supports.
 */
export function collectGarbage(): void {
  if (!gcFn) {
    const own = (globalThis as { gc?: () => void }).gc;
    if (own) gcFn = own;
    else {
      setFlagsFromString('--expose-gc');
      gcFn = runInNewContext('gc') as () => void;
    }
  }
  gcFn();
  gcFn();
}
