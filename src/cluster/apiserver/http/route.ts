// What a request path names: a discovery document, or a resource (with its
// namespace, object name and subresource). Pure.
import { findResource, RESOURCES, type ResourceInfo } from '../resources';

export type Route =
  | { type: 'healthz' | 'livez' | 'readyz' | 'version' | 'root' | 'api' | 'apis' | 'openapi-v2' | 'openapi-v3' }
  | { type: 'openapi-v3-doc'; path: string }
  | { type: 'group-version'; group: string; version: string }
  | { type: 'group'; group: string }
  | { type: 'resource'; info: ResourceInfo; namespace?: string; name?: string; subresource?: string }
  | { type: 'unknown-resource'; group: string; version: string; resource: string }
  | { type: 'not-found' };

const SIMPLE: Record<string, Route['type']> = {
  '/': 'root',
  '/healthz': 'healthz',
  '/livez': 'livez',
  '/readyz': 'readyz',
  '/version': 'version',
  '/api': 'api',
  '/apis': 'apis',
  '/openapi/v2': 'openapi-v2',
  '/openapi/v3': 'openapi-v3',
};

/**
 * A path segment with its %XX escapes decoded as Go's url package does: bytes, which may
 * not be UTF-8 (decodeURIComponent would throw on `%ff`; invalid bytes become U+FFFD).
 */
function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  return Buffer.from(segment.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
}

/** Whether a request path is one Go's url.ParseRequestURI accepts: every % starts an escape. */
export function validEscapes(pathname: string): boolean {
  return !/%(?![0-9A-Fa-f]{2})/.test(pathname);
}

export function parseRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const simple = SIMPLE[path];
  if (simple) return { type: simple } as Route;
  if (path.startsWith('/healthz/') || path.startsWith('/livez/') || path.startsWith('/readyz/')) return { type: path.split('/')[1] as 'healthz' };
  if (path.startsWith('/openapi/v3/')) return { type: 'openapi-v3-doc', path: path.slice('/openapi/v3/'.length) };

  const parts = path.split('/').slice(1).map(decodeSegment);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api') {
    if (parts.length < 2) return { type: 'not-found' };
    group = '';
    version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    if (parts.length === 2) return RESOURCES.some((r) => r.group === parts[1]) ? { type: 'group', group: parts[1]! } : { type: 'not-found' };
    if (parts.length < 3) return { type: 'not-found' };
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
  } else {
    return { type: 'not-found' };
  }
  if (!RESOURCES.some((r) => r.group === group && r.version === version)) return { type: 'not-found' };
  if (rest.length === 0) return { type: 'group-version', group, version };

  // /namespaces/NS/RESOURCE[/NAME[/SUB]] names a namespaced resource; /namespaces[/NAME[/SUB]] the namespaces themselves.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const info = findResource(group, version, rest[2]!);
    if (info?.namespaced) return { type: 'resource', info, namespace: rest[1], name: rest[3], subresource: rest[4] };
    if (rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize')) {
      return { type: 'resource', info: findResource(group, version, 'namespaces')!, name: rest[1], subresource: rest[2] };
    }
    return { type: 'unknown-resource', group, version, resource: rest[2]! };
  }
  const info = findResource(group, version, rest[0]!);
  if (!info) return { type: 'unknown-resource', group, version, resource: rest[0]! };
  return { type: 'resource', info, name: rest[1], subresource: rest[2] };
}
