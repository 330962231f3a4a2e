// The little of the Kubernetes REST API the views need: GET a path as JSON,
// and a watch as a stream of JSON lines. Plain http to the API server that
// the lab publishes on the desktop's 127.0.0.1 (DESIGN.md §2).
import { request, type ClientRequest } from 'node:http';

export class KubeHttpError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; resourceVersion?: string; uid?: string; labels?: Record<string, string>; [k: string]: unknown };
  [k: string]: unknown;
}

export interface KubeList {
  metadata?: { resourceVersion?: string };
  items?: KubeObject[];
}

export interface KubeTransport {
  get(path: string, timeoutMs?: number): Promise<unknown>;
  /** Streams watch events until the server ends it; resolves then. `stop` aborts it. */
  watch(path: string, onEvent: (e: WatchEvent) => void): { done: Promise<void>; stop(): void };
}

export function kubeHttp(base: string): KubeTransport {
  const url = new URL(base);
  const options = (path: string) => ({ host: url.hostname, port: Number(url.port || 80), path, headers: { Accept: 'application/json' } });
  return {
    get(path, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const req = request({ ...options(path), method: 'GET', timeout: timeoutMs }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            if ((res.statusCode ?? 0) >= 400) {
              let message = text.slice(0, 300);
              try {
                message = (JSON.parse(text) as { message?: string }).message ?? message;
              } catch {
                // not a Status object
              }
              return reject(new KubeHttpError(`${res.statusCode} ${message}`, res.statusCode));
            }
            try {
              resolve(JSON.parse(text));
            } catch {
              reject(new KubeHttpError(`the API server answered ${path} with something that is not JSON`));
            }
          });
          res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new KubeHttpError(`no answer from ${base} within ${timeoutMs} ms`)));
        req.on('error', reject);
        req.end();
      });
    },
    watch(path, onEvent) {
      let req: ClientRequest | undefined;
      const done = new Promise<void>((resolve, reject) => {
        req = request({ ...options(path), method: 'GET' }, (res) => {
          if ((res.statusCode ?? 0) >= 400) {
            res.resume();
            return reject(new KubeHttpError(`watch ${path}: ${res.statusCode}`, res.statusCode));
          }
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            let nl: number;
            while ((nl = buffer.indexOf('\n')) >= 0) {
              const line = buffer.slice(0, nl).trim();
              buffer = buffer.slice(nl + 1);
              if (!line) continue;
              try {
                onEvent(JSON.parse(line) as WatchEvent);
              } catch {
                // a broken line: the relist after this watch ends repairs the picture
              }
            }
          });
          res.on('end', () => resolve());
          res.on('error', reject);
          res.on('close', () => resolve());
        });
        req.on('error', reject);
        req.end();
      });
      return { done, stop: () => req?.destroy() };
    },
  };
}
