// Discovery (/api, /apis, /api/v1, ...), /version and the OpenAPI documents.
import { createHash } from 'node:crypto';
import type { Documents } from './server';
import { apiVersionOf, RESOURCES } from './resources';

export const VERSION_INFO = {
  major: '1',
  minor: '35',
  emulationMajor: '1',
  emulationMinor: '35',
  minCompatibilityMajor: '1',
  minCompatibilityMinor: '34',
  gitVersion: 'v1.35.2',
  gitCommit: 'kubelab',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.25.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function storageVersionHash(group: string, version: string, kind: string): string {
  return createHash('sha256').update(`${group}/${version}/${kind}`).digest('base64').slice(0, 12);
}

function resourceList(group: string, version: string): unknown {
  const resources = RESOURCES.filter((r) => r.group === group && r.version === version).flatMap((r) => {
    const main: Record<string, unknown> = { name: r.resource, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs };
    if (r.shortNames.length) main.shortNames = r.shortNames;
    if (r.categories.length) main.categories = r.categories;
    main.storageVersionHash = storageVersionHash(group, version, r.kind);
    const subs = r.subresources.map((sub) => {
      const kind = sub === 'scale' ? 'Scale' : sub === 'binding' ? 'Binding' : sub === 'eviction' ? 'Eviction' : sub === 'exec' || sub === 'attach' || sub === 'portforward' ? (sub === 'exec' ? 'PodExecOptions' : sub === 'attach' ? 'PodAttachOptions' : 'PodPortForwardOptions') : sub === 'log' ? 'Pod' : r.kind;
      const verbs = sub === 'status' || sub === 'scale' ? ['get', 'patch', 'update'] : sub === 'log' ? ['get'] : sub === 'binding' || sub === 'eviction' ? ['create'] : sub === 'finalize' ? ['update'] : ['create', 'get'];
      const entry: Record<string, unknown> = { name: `${r.resource}/${sub}`, singularName: '', namespaced: r.namespaced, kind, verbs };
      if (sub === 'scale') {
        entry.group = 'autoscaling';
        entry.version = 'v1';
      }
      return entry;
    });
    return [main, ...subs];
  });
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}

function groups(): { name: string; versions: { groupVersion: string; version: string }[]; preferredVersion: { groupVersion: string; version: string } }[] {
  const names = [...new Set(RESOURCES.filter((r) => r.group).map((r) => r.group))];
  return names.map((name) => {
    const versions = [...new Set(RESOURCES.filter((r) => r.group === name).map((r) => r.version))].map((version) => ({ groupVersion: `${name}/${version}`, version }));
    return { name, versions, preferredVersion: versions[0]! };
  });
}

/** OpenAPI v3: per group-version, a PATCH with `fieldValidation` for each kind, so kubectl leaves validation to the server. */
function openapiV3Doc(group: string, version: string): string {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const r of RESOURCES.filter((x) => x.group === group && x.version === version)) {
    const gv = apiVersionOf(r);
    const base = group ? `/apis/${gv}` : `/api/${version}`;
    const path = r.namespaced ? `${base}/namespaces/{namespace}/${r.resource}/{name}` : `${base}/${r.resource}/{name}`;
    const schemaName = `io.k8s.api.${group ? group.split('.')[0] : 'core'}.${version}.${r.kind}`;
    const gvk = [{ group, version, kind: r.kind }];
    paths[path] = {
      patch: {
        parameters: [{ name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } }],
        responses: { '200': { content: { 'application/json': { schema: { $ref: `#/components/schemas/${schemaName}` } } } } },
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': gvk[0],
      },
    };
    schemas[schemaName] = { type: 'object', 'x-kubernetes-group-version-kind': gvk };
  }
  return JSON.stringify({ openapi: '3.0.0', info: { title: 'Kubernetes', version: VERSION_INFO.gitVersion }, paths, components: { schemas } });
}

export function serverDocuments(): Documents {
  const v3docs = new Map<string, { body: string; hash: string }>();
  const gvs = [...new Set(RESOURCES.map((r) => `${r.group}|${r.version}`))];
  for (const gv of gvs) {
    const [group, version] = gv.split('|') as [string, string];
    const key = group ? `apis/${group}/${version}` : `api/${version}`;
    const body = openapiV3Doc(group, version);
    v3docs.set(key, { body, hash: createHash('sha512').update(body).digest('hex').toUpperCase().slice(0, 128) });
  }
  return {
    discovery(path) {
      if (path === 'version') return VERSION_INFO;
      if (path === 'api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.100.0.104:6443' }] };
      if (path === 'apis') return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups() };
      if (!path.version) {
        const g = groups().find((x) => x.name === path.group);
        return { kind: 'APIGroup', apiVersion: 'v1', ...g };
      }
      return resourceList(path.group, path.version);
    },
    openapi(which) {
      if (which === 'v2') return undefined;
      if (which === 'v3') {
        const paths: Record<string, unknown> = {};
        for (const [key, doc] of v3docs) paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${doc.hash}` };
        return { body: JSON.stringify({ paths }), contentType: 'application/json' };
      }
      const doc = v3docs.get(which.doc);
      if (!doc) return undefined;
      return { body: doc.body, contentType: 'application/json', etag: doc.hash };
    },
  };
}
