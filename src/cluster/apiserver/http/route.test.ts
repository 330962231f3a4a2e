import { describe, expect, it } from 'vitest';
import { parseRoute } from './route';

function res(path: string) {
  const r = parseRoute(path);
  return r.type === 'resource' ? { resource: r.info.resource, ns: r.namespace, name: r.name, sub: r.subresource } : r;
}

describe('parseRoute', () => {
  it('names discovery documents', () => {
    expect(parseRoute('/api').type).toBe('api');
    expect(parseRoute('/apis/').type).toBe('apis');
    expect(parseRoute('/api/v1')).toEqual({ type: 'group-version', group: '', version: 'v1' });
    expect(parseRoute('/apis/apps/v1')).toEqual({ type: 'group-version', group: 'apps', version: 'v1' });
    expect(parseRoute('/openapi/v3/apis/apps/v1')).toEqual({ type: 'openapi-v3-doc', path: 'apis/apps/v1' });
    expect(parseRoute('/readyz/etcd').type).toBe('readyz');
  });

  it('names namespaced collections, objects and subresources', () => {
    expect(res('/api/v1/namespaces/default/pods')).toEqual({ resource: 'pods', ns: 'default', name: undefined, sub: undefined });
    expect(res('/api/v1/namespaces/default/pods/web-1/log')).toEqual({ resource: 'pods', ns: 'default', name: 'web-1', sub: 'log' });
    expect(res('/apis/apps/v1/namespaces/default/deployments/webui/scale')).toEqual({ resource: 'deployments', ns: 'default', name: 'webui', sub: 'scale' });
    expect(res('/api/v1/pods')).toEqual({ resource: 'pods', ns: undefined, name: undefined, sub: undefined });
  });

  it('tells namespaces themselves from resources inside one', () => {
    expect(res('/api/v1/namespaces')).toEqual({ resource: 'namespaces', ns: undefined, name: undefined, sub: undefined });
    expect(res('/api/v1/namespaces/kube-system')).toEqual({ resource: 'namespaces', ns: undefined, name: 'kube-system', sub: undefined });
    expect(res('/api/v1/namespaces/dev/finalize')).toEqual({ resource: 'namespaces', ns: undefined, name: 'dev', sub: 'finalize' });
    expect(res('/api/v1/nodes/node1/status')).toEqual({ resource: 'nodes', ns: undefined, name: 'node1', sub: 'status' });
  });

  it('reports unknown resources and groups', () => {
    expect(parseRoute('/api/v1/namespaces/default/widgets')).toEqual({ type: 'unknown-resource', group: '', version: 'v1', resource: 'widgets' });
    expect(parseRoute('/apis/batch/v1/jobs').type).toBe('not-found');
    expect(parseRoute('/nope').type).toBe('not-found');
  });
});
