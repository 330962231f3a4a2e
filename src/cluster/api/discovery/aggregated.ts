// Aggregated discovery (apidiscovery.k8s.io/v2): one document for /api and one for
// /apis, which kubectl 1.30+ asks for first and which saves it a request per
// group/version. kubectl takes it only when the response's Content-Type is exactly
// AGGREGATED_CONTENT_TYPE; otherwise it falls back to the documents of documents.ts.
import { CORE_V1, GROUPS, type APIResource, type GroupVersion } from './resources';

export const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** Whether an Accept header asks for the v2 aggregated form first-class (kubectl sends it before plain JSON). */
export function acceptsAggregated(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => {
    const params = part.split(';').map((p) => p.trim());
    return params[0] === 'application/json' && params.includes('g=apidiscovery.k8s.io') && params.includes('v=v2') && params.includes('as=APIGroupDiscoveryList');
  });
}

function gvk(r: APIResource, gv: GroupVersion) {
  return { group: r.group ?? gv.group, version: r.version ?? gv.version, kind: r.kind };
}

function versionDiscovery(gv: GroupVersion): object {
  const top = gv.resources.filter((r) => !r.name.includes('/'));
  return {
    version: gv.version,
    resources: top.map((r) => {
      const subs = gv.resources.filter((s) => s.name.startsWith(`${r.name}/`));
      return {
        resource: r.name,
        responseKind: gvk(r, gv),
        scope: r.namespaced ? 'Namespaced' : 'Cluster',
        singularResource: r.singularName,
        verbs: r.verbs,
        ...(r.shortNames ? { shortNames: r.shortNames } : {}),
        ...(r.categories ? { categories: r.categories } : {}),
        ...(subs.length
          ? { subresources: subs.map((s) => ({ subresource: s.name.slice(r.name.length + 1), responseKind: gvk(s, gv), verbs: s.verbs })) }
          : {}),
      };
    }),
    freshness: 'Current',
  };
}

/** The aggregated document for GET /api (core) or GET /apis (named groups). */
export function aggregatedDiscovery(root: 'api' | 'apis'): object {
  const items = root === 'api'
    ? [{ metadata: { creationTimestamp: null }, versions: [versionDiscovery(CORE_V1)] }]
    : GROUPS.map((gv) => ({ metadata: { name: gv.group, creationTimestamp: null }, versions: [versionDiscovery(gv)] }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}
