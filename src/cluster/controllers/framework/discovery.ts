// Which resources the API server serves (GET /api/v1, /apis, /apis/G/V):
// the garbage collector watches those it knows, the namespace controller
// empties every namespaced one.
import type { ResourceRef, RestClient } from '../../client/rest';

export interface ServedResource extends ResourceRef {
  kind: string;
  verbs: string[];
}

interface APIResourceList {
  groupVersion: string;
  resources: { name: string; namespaced: boolean; kind: string; verbs: string[] }[];
}

export async function discoverResources(client: RestClient): Promise<ServedResource[]> {
  const groups = await client.request<{ groups: { preferredVersion: { groupVersion: string } }[] }>('GET', '/apis');
  const versions = ['v1', ...groups.groups.map((g) => g.preferredVersion.groupVersion)];
  const lists = await Promise.all(versions.map((gv) => client.request<APIResourceList>('GET', gv === 'v1' ? '/api/v1' : `/apis/${gv}`)));
  const served: ServedResource[] = [];
  for (const list of lists) {
    const slash = list.groupVersion.indexOf('/');
    const group = slash < 0 ? '' : list.groupVersion.slice(0, slash);
    const version = slash < 0 ? list.groupVersion : list.groupVersion.slice(slash + 1);
    for (const r of list.resources) {
      if (r.name.includes('/')) continue;
      served.push({ group, version, resource: r.name, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs });
    }
  }
  return served;
}

export const isServed = (served: ServedResource[], ref: ResourceRef): boolean => served.some((s) => s.group === ref.group && s.resource === ref.resource && s.verbs.includes('watch'));
