// A small Kubernetes REST client for our components: JSON over HTTP with
// keep-alive, errors carrying the server's metav1.Status, and streaming
// watches. Paths are built from group/version/resource like client-go's.
import http from 'node:http';
import type { KubeList, KubeObject, Status } from '../api/types';

export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
}

export const R = {
  pods: { group: '', version: 'v1', resource: 'pods', namespaced: true },
  services: { group: '', version: 'v1', resource: 'services', namespaced: true },
  endpoints: { group: '', version: 'v1', resource: 'endpoints', namespaced: true },
  nodes: { group: '', version: 'v1', resource: 'nodes', namespaced: false },
  namespaces: { group: '', version: 'v1', resource: 'namespaces', namespaced: false },
  events: { group: '', version: 'v1', resource: 'events', namespaced: true },
  configmaps: { group: '', version: 'v1', resource: 'configmaps', namespaced: true },
  serviceaccounts: { group: '', version: 'v1', resource: 'serviceaccounts', namespaced: true },
  leases: { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespaced: true },
  deployments: { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true },
  replicasets: { group: 'apps', version: 'v1', resource: 'replicasets', namespaced: true },
  endpointslices: { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', namespaced: true },
} satisfies Record<string, ResourceRef>;

export class ApiStatusError extends Error {
  constructor(
    readonly code: number,
    readonly status: Status | undefined,
    message: string,
  ) {
    super(message);
  }
  get reason(): string | undefined {
    return this.status?.reason;
  }
}

export function isNotFound(err: unknown): boolean {
  return err instanceof ApiStatusError && err.code === 404;
}
export function isConflict(err: unknown): boolean {
  return err instanceof ApiStatusError && err.code === 409;
}
export function isAlreadyExists(err: unknown): boolean {
  return err instanceof ApiStatusError && err.code === 409 && err.reason === 'AlreadyExists';
}

export function resourcePath(ref: ResourceRef, namespace?: string, name?: string, subresource?: string): string {
  let path = ref.group ? `/apis/${ref.group}/${ref.version}` : `/api/${ref.version}`;
  if (ref.namespaced && namespace) path += `/namespaces/${encodeURIComponent(namespace)}`;
  path += `/${ref.resource}`;
  if (name) path += `/${encodeURIComponent(name)}`;
  if (subresource) path += `/${subresource}`;
  return path;
}

export interface WatchEventMessage<T = KubeObject> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

export interface WatchStream {
  stop(): void;
}

export class RestClient {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(
    server: string,
    private readonly userAgent = 'kubelab',
  ) {
    this.url = new URL(server);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  }

  request<T>(method: string, path: string, body?: unknown, contentType = 'application/json', timeoutMs = 30_000): Promise<T> {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    return new Promise<T>((resolve, reject) => {
      const req = http.request(
        {
          host: this.url.hostname,
          port: this.url.port,
          path,
          method,
          agent: this.agent,
          headers: {
            accept: 'application/json',
            'user-agent': this.userAgent,
            ...(payload !== undefined ? { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const code = res.statusCode ?? 0;
            let parsed: unknown;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              parsed = text;
            }
            if (code >= 200 && code < 300) return resolve(parsed as T);
            const status = parsed && typeof parsed === 'object' && (parsed as Status).kind === 'Status' ? (parsed as Status) : undefined;
            reject(new ApiStatusError(code, status, `${method} ${path}: ${code} ${status?.message ?? text.slice(0, 200)}`));
          });
          res.on('error', reject);
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  get<T extends KubeObject>(ref: ResourceRef, namespace: string | undefined, name: string, subresource?: string): Promise<T> {
    return this.request('GET', resourcePath(ref, namespace, name, subresource));
  }

  list<T extends KubeObject>(ref: ResourceRef, options: { namespace?: string; labelSelector?: string; fieldSelector?: string } = {}): Promise<KubeList<T>> {
    const q = new URLSearchParams();
    if (options.labelSelector) q.set('labelSelector', options.labelSelector);
    if (options.fieldSelector) q.set('fieldSelector', options.fieldSelector);
    const qs = q.toString();
    return this.request('GET', resourcePath(ref, options.namespace) + (qs ? `?${qs}` : ''));
  }

  create<T extends KubeObject>(ref: ResourceRef, namespace: string | undefined, object: T, subresourceOf?: { name: string; subresource: string }): Promise<T> {
    const path = subresourceOf ? resourcePath(ref, namespace, subresourceOf.name, subresourceOf.subresource) : resourcePath(ref, namespace);
    return this.request('POST', path, object);
  }

  update<T extends KubeObject>(ref: ResourceRef, object: T, subresource?: string): Promise<T> {
    return this.request('PUT', resourcePath(ref, object.metadata.namespace, object.metadata.name, subresource), object);
  }

  patch<T extends KubeObject>(ref: ResourceRef, namespace: string | undefined, name: string, patch: unknown, type: 'merge' | 'strategic' | 'json' = 'merge', subresource?: string): Promise<T> {
    const contentType = type === 'merge' ? 'application/merge-patch+json' : type === 'strategic' ? 'application/strategic-merge-patch+json' : 'application/json-patch+json';
    return this.request('PATCH', resourcePath(ref, namespace, name, subresource), patch, contentType);
  }

  delete(ref: ResourceRef, namespace: string | undefined, name: string, options: { gracePeriodSeconds?: number; propagationPolicy?: string; preconditions?: { uid?: string; resourceVersion?: string } } = {}): Promise<unknown> {
    return this.request('DELETE', resourcePath(ref, namespace, name), { kind: 'DeleteOptions', apiVersion: 'v1', ...options });
  }

  /** A watch from `resourceVersion`; `onEvent` gets each event, `onEnd` when the stream closes for any reason. */
  watch(ref: ResourceRef, options: { namespace?: string; resourceVersion: string; labelSelector?: string; fieldSelector?: string; timeoutSeconds?: number }, onEvent: (e: WatchEventMessage) => void, onEnd: (err?: Error) => void): WatchStream {
    const q = new URLSearchParams({ watch: 'true', resourceVersion: options.resourceVersion, allowWatchBookmarks: 'true' });
    if (options.labelSelector) q.set('labelSelector', options.labelSelector);
    if (options.fieldSelector) q.set('fieldSelector', options.fieldSelector);
    q.set('timeoutSeconds', String(options.timeoutSeconds ?? 300 + Math.floor(Math.random() * 300)));
    let ended = false;
    const end = (err?: Error) => {
      if (ended) return;
      ended = true;
      onEnd(err);
    };
    const req = http.request(
      { host: this.url.hostname, port: this.url.port, path: `${resourcePath(ref, options.namespace)}?${q}`, method: 'GET', headers: { accept: 'application/json', 'user-agent': this.userAgent } },
      (res) => {
        if (res.statusCode !== 200) {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => end(new ApiStatusError(res.statusCode ?? 0, undefined, `watch ${ref.resource}: ${res.statusCode} ${Buffer.concat(chunks).toString().slice(0, 200)}`)));
          return;
        }
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let nl: number;
          while ((nl = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, nl);
            buffer = buffer.slice(nl + 1);
            if (!line.trim()) continue;
            try {
              onEvent(JSON.parse(line) as WatchEventMessage);
            } catch (err) {
              req.destroy();
              return end(err as Error);
            }
          }
        });
        res.on('end', () => end());
        res.on('error', (err) => end(err));
      },
    );
    req.on('error', (err) => end(err));
    req.end();
    return {
      stop() {
        ended = true;
        req.destroy();
      },
    };
  }
}
