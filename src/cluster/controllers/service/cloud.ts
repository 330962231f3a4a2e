// The HTTP client of the cloud agent (src/cluster/cloud/contract.ts). Errors
// read like Go's net/http ones, since that is what upstream's events show.
import http from 'node:http';
import type { CloudError, EnsureLoadBalancerRequest, LoadBalancerList, LoadBalancerStatusResponse } from '../../cloud/contract';

export class CloudRequestError extends Error {
  constructor(
    message: string,
    readonly code?: number,
  ) {
    super(message);
  }
}

export interface CloudClient {
  ensure(namespace: string, name: string, req: EnsureLoadBalancerRequest): Promise<LoadBalancerStatusResponse>;
  /** GetLoadBalancer: whether the cloud has one for this service. */
  exists(namespace: string, name: string): Promise<boolean>;
  release(namespace: string, name: string): Promise<void>;
}

function goNetError(method: string, url: string, err: NodeJS.ErrnoException, host: string): string {
  const verb = method[0] + method.slice(1).toLowerCase();
  const why = err.code === 'ECONNREFUSED' ? 'connect: connection refused' : err.code === 'EHOSTUNREACH' ? 'connect: no route to host' : err.code === 'ETIMEDOUT' || err.message === 'timeout' ? 'i/o timeout' : err.message;
  return `${verb} "${url}": dial tcp ${host}: ${why}`;
}

export function httpCloudClient(endpoint: string, timeoutMs = 10_000): CloudClient {
  const base = new URL(endpoint);
  const call = <T>(method: string, path: string, body?: unknown): Promise<{ code: number; body: T | CloudError | undefined }> =>
    new Promise((resolve, reject) => {
      const url = new URL(path, base).toString();
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(url, { method, headers: { accept: 'application/json', ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: T | CloudError | undefined;
          try {
            parsed = text ? (JSON.parse(text) as T) : undefined;
          } catch {
            parsed = { error: text.trim() };
          }
          resolve({ code: res.statusCode ?? 0, body: parsed });
        });
      });
      req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      req.on('error', (err) => reject(new CloudRequestError(goNetError(method, url, err, base.host))));
      req.end(payload);
    });
  const path = (ns: string, name: string) => `/loadbalancers/${encodeURIComponent(ns)}/${encodeURIComponent(name)}`;
  const fail = (code: number, body: unknown) => new CloudRequestError((body as CloudError | undefined)?.error ?? (body as { message?: string } | undefined)?.message ?? `cloud answered ${code}`, code);
  return {
    async ensure(ns, name, req) {
      const r = await call<LoadBalancerStatusResponse>('POST', path(ns, name), req);
      if (r.code !== 200 || !(r.body as LoadBalancerStatusResponse)?.ip) throw fail(r.code, r.body);
      return r.body as LoadBalancerStatusResponse;
    },
    async exists(ns, name) {
      const r = await call<LoadBalancerList>('GET', '/loadbalancers');
      if (r.code !== 200) throw fail(r.code, r.body);
      return ((r.body as LoadBalancerList).items ?? []).some((b) => b.namespace === ns && b.name === name);
    },
    async release(ns, name) {
      const r = await call('DELETE', path(ns, name));
      if (r.code !== 200 && r.code !== 204 && r.code !== 404) throw fail(r.code, r.body);
    },
  };
}
