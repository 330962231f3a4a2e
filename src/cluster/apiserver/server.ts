// The API server's HTTP front: routes a request to discovery, health, OpenAPI
// or a resource handler, and turns every failure into a metav1.Status.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { statusErrors } from '../api/errors';
import type { Status } from '../api/types';
import type { ServerContext } from './context';
import { handleDelete, handleDeleteCollection } from './handlers/delete';
import { handleGet, handleList } from './handlers/read';
import { handleWatch } from './handlers/watch';
import { handleCreate, handlePatch, handleUpdate } from './handlers/write';
import { negotiate } from './http/negotiate';
import { sendJSON, sendStatus, sendText, wantsPretty } from './http/respond';
import { parseRoute, validEscapes } from './http/route';
import type { ApiRequest } from './request';
import { apiVersionOf } from './resources';

export interface Documents {
  /** Discovery and OpenAPI documents: path → body (or undefined when absent). */
  discovery(path: 'api' | 'apis' | 'version' | { group: string; version?: string }): unknown;
  /** Aggregated discovery (apidiscovery.k8s.io/v2) when the client asks for it; undefined otherwise. */
  aggregated?(root: 'api' | 'apis', accept: string | undefined): { body: unknown; contentType: string } | undefined;
  openapi(path: 'v2' | 'v3' | { doc: string; hash?: string }, accept: string | undefined): { body: Buffer | string; contentType: string; etag?: string } | undefined;
}

export interface ApiServerOptions {
  ctx: ServerContext;
  documents: Documents;
  ready(): boolean;
  /** Upgrade requests (exec, attach) on pod subresources. */
  upgrade?(r: ApiRequest, socket: Duplex, head: Buffer): void;
}

function methodNotAllowed(resource: string, verb: string): Status {
  return statusErrors.methodNotSupported({ group: '', resource }, verb);
}

function statusOf(err: unknown): Status {
  const status = (err as { status?: Status }).status;
  if (status && typeof status === 'object' && status.kind === 'Status') return status;
  return statusErrors.internalError((err as Error)?.message ?? String(err));
}

const BAD_REQUEST_LINE = '400 Bad Request';

/** A request's path and query as sent: `..` and `.` stay segments, as in Go's url.ParseRequestURI (WHATWG URLs would resolve them). */
export interface RequestTarget {
  pathname: string;
  searchParams: URLSearchParams;
}

/** The request target; undefined for one Go's net/http refuses (e.g. `GET http://[ HTTP/1.1`, `/api/%zz`). */
export function requestTarget(req: IncomingMessage): RequestTarget | undefined {
  let target = req.url ?? '/';
  if (!target.startsWith('/')) {
    // absolute-form (`GET http://host/path HTTP/1.1`), which HTTP/1.1 servers must accept
    const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(target);
    if (!scheme) return undefined;
    try {
      new URL(target);
    } catch {
      return undefined;
    }
    target = target.slice(scheme[0].length) || '/';
    if (!target.startsWith('/')) target = `/${target}`;
  }
  const hash = target.indexOf('#');
  if (hash >= 0) target = target.slice(0, hash);
  const q = target.indexOf('?');
  const pathname = q < 0 ? target : target.slice(0, q);
  if (!validEscapes(pathname)) return undefined;
  return { pathname, searchParams: new URLSearchParams(q < 0 ? '' : target.slice(q + 1)) };
}

export function createApiHandler(options: ApiServerOptions) {
  const { ctx, documents } = options;

  /** The verb a request is, as RBAC and discovery name it. */
  function verbOf(r: ApiRequest): string {
    const watching = r.query.get('watch') === 'true' || r.query.get('watch') === '1';
    switch (r.method) {
      case 'GET':
        return watching ? 'watch' : r.name ? 'get' : 'list';
      case 'POST':
        return 'create';
      case 'PUT':
        return 'update';
      case 'PATCH':
        return 'patch';
      case 'DELETE':
        return r.name ? 'delete' : 'deletecollection';
      default:
        return r.method.toLowerCase();
    }
  }

  async function handleResource(r: ApiRequest): Promise<void> {
    const { method, info, name, subresource } = r;
    const sub = subresource;
    if (!sub && !info.verbs.includes(verbOf(r))) return sendStatus(r.res, methodNotAllowed(info.resource, verbOf(r)), r.pretty);
    if (sub && sub !== 'status') {
      const handler = ctx.subresource(info, sub);
      if (!handler) return sendStatus(r.res, statusErrors.notFound({ group: info.group, resource: `${info.resource}/${sub}` }, name ?? ''), r.pretty);
      return handler(r);
    }
    if (sub === 'status' && !info.subresources.includes('status')) {
      return sendStatus(r.res, statusErrors.notFound({ group: info.group, resource: info.resource }, name ?? ''), r.pretty);
    }
    if (!name) {
      if (r.namespace === undefined && info.namespaced && method !== 'GET') return sendStatus(r.res, methodNotAllowed(info.resource, method.toLowerCase()), r.pretty);
      switch (method) {
        case 'GET':
          return r.query.get('watch') === 'true' || r.query.get('watch') === '1' ? handleWatch(r, ctx) : handleList(r, ctx);
        case 'POST':
          return handleCreate(r, ctx);
        case 'DELETE':
          return handleDeleteCollection(r, ctx);
        default:
          return sendStatus(r.res, methodNotAllowed(info.resource, method.toLowerCase()), r.pretty);
      }
    }
    switch (method) {
      case 'GET':
        if (r.query.get('watch') === 'true') return handleWatch(r, ctx);
        return handleGet(r, ctx);
      case 'PUT':
        return handleUpdate(r, ctx);
      case 'PATCH':
        return handlePatch(r, ctx);
      case 'DELETE':
        if (sub) return sendStatus(r.res, methodNotAllowed(`${info.resource}/${sub}`, 'delete'), r.pretty);
        return handleDelete(r, ctx);
      default:
        return sendStatus(r.res, methodNotAllowed(info.resource, method.toLowerCase()), r.pretty);
    }
  }

  function toRequest(req: IncomingMessage, res: ServerResponse, url: RequestTarget): ApiRequest | { route: ReturnType<typeof parseRoute>; url: RequestTarget } {
    const route = parseRoute(url.pathname);
    if (route.type !== 'resource') return { route, url };
    const representation = negotiate(req.headers.accept) ?? { as: 'object' as const };
    return {
      req,
      res,
      method: req.method ?? 'GET',
      query: url.searchParams,
      info: route.info,
      namespace: route.namespace,
      name: route.name,
      subresource: route.subresource,
      representation,
      pretty: wantsPretty(req, url.searchParams),
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = requestTarget(req);
    if (!url) {
      // Go's net/http refuses a request line it cannot parse before any handler runs.
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': BAD_REQUEST_LINE.length, Connection: 'close' });
      return void res.end(BAD_REQUEST_LINE);
    }
    const pretty = wantsPretty(req, url.searchParams);
    try {
      const parsed = toRequest(req, res, url);
      if ('info' in parsed) {
        if (negotiate(req.headers.accept) === undefined) {
          return sendStatus(res, { ...statusErrors.badRequest(`only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf`), reason: 'NotAcceptable', code: 406 }, pretty);
        }
        await handleResource(parsed);
        return;
      }
      const { route } = parsed;
      switch (route.type) {
        case 'healthz':
        case 'livez':
        case 'readyz':
          return options.ready() ? sendText(res, 200, 'ok') : sendText(res, 500, '[-]etcd failed: not ready\nhealthz check failed\n');
        case 'version':
          return sendJSON(res, 200, documents.discovery('version'), pretty);
        case 'api':
        case 'apis': {
          const aggregated = documents.aggregated?.(route.type, req.headers.accept);
          if (aggregated) {
            const text = JSON.stringify(aggregated.body);
            res.writeHead(200, { 'Content-Type': aggregated.contentType, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private' });
            return void res.end(text);
          }
          return sendJSON(res, 200, documents.discovery(route.type), pretty);
        }
        case 'group':
        case 'group-version': {
          const doc = documents.discovery(route.type === 'group' ? { group: route.group } : { group: route.group, version: route.version });
          if (!doc) return sendStatus(res, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 }, pretty);
          return sendJSON(res, 200, doc, pretty);
        }
        case 'openapi-v2':
        case 'openapi-v3':
        case 'openapi-v3-doc': {
          const which = route.type === 'openapi-v3-doc' ? { doc: route.path, hash: url.searchParams.get('hash') ?? undefined } : route.type === 'openapi-v2' ? 'v2' : 'v3';
          const doc = documents.openapi(which, req.headers.accept);
          if (!doc) return sendStatus(res, statusErrors.notFound({ group: '', resource: '' }, url.pathname), pretty);
          const headers: Record<string, string> = { 'Content-Type': doc.contentType };
          if (doc.etag) headers.ETag = `"${doc.etag}"`;
          if (doc.etag && req.headers['if-none-match'] === `"${doc.etag}"`) {
            res.writeHead(304, headers);
            return void res.end();
          }
          res.writeHead(200, headers);
          return void res.end(doc.body);
        }
        case 'root':
          return sendJSON(res, 200, { paths: ['/api', '/api/v1', '/apis', '/healthz', '/livez', '/openapi/v2', '/openapi/v3', '/readyz', '/version'] }, pretty);
        case 'unknown-resource':
          return sendStatus(res, { ...statusErrors.notFound({ group: route.group, resource: route.resource }, ''), message: 'the server could not find the requested resource' }, pretty);
        default:
          return sendStatus(res, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 }, pretty);
      }
    } catch (err) {
      const status = statusOf(err);
      if (status.code >= 500) ctx.log(`${req.method} ${req.url}: ${(err as Error)?.stack ?? err}`);
      if (res.headersSent) return void res.end();
      sendStatus(res, status, pretty);
    } finally {
      const ms = performance.now() - started;
      if (ms > 1000) ctx.log(`slow request ${req.method} ${req.url} ${ms.toFixed(0)} ms`);
    }
  }

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = requestTarget(req);
    if (!url) return void socket.end(`HTTP/1.1 ${BAD_REQUEST_LINE}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n${BAD_REQUEST_LINE}`);
    const route = parseRoute(url.pathname);
    if (route.type === 'resource' && options.upgrade && route.info.resource === 'pods' && (route.subresource === 'exec' || route.subresource === 'attach' || route.subresource === 'portforward')) {
      const r: ApiRequest = {
        req,
        res: undefined as unknown as ServerResponse,
        method: req.method ?? 'GET',
        query: url.searchParams,
        info: route.info,
        namespace: route.namespace,
        name: route.name,
        subresource: route.subresource,
        representation: { as: 'object' },
        pretty: false,
      };
      options.upgrade(r, socket, head);
      return;
    }
    socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n\r\nupgrade not supported here\n');
  }

  return { handle, upgrade, apiVersionOf };
}
