// The discovery documents of GET /api, /apis, /api/v1, /apis/<group>/<version> and
// /version, shaped byte for byte as kube-apiserver 1.35 writes them (its JSON field
// order; /api and /api/v1 carry no apiVersion, as upstream's legacy handlers).
import { ALL_GROUP_VERSIONS, GROUPS, groupVersionString, type APIResource, type GroupVersion } from './resources';

export interface ServerAddressByClientCIDR {
  clientCIDR: string;
  serverAddress: string;
}

/** GET /api. serverAddress is the API server's advertised host:port (e.g. 10.100.0.104:6443). */
export function apiVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupEntry(gv: GroupVersion): object {
  const version = { groupVersion: groupVersionString(gv), version: gv.version };
  return { name: gv.group, versions: [version], preferredVersion: version };
}

/** GET /apis. */
export function apiGroupList(): object {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: GROUPS.map(groupEntry) };
}

/** GET /apis/<group>: the group alone. undefined for a group the server does not have. */
export function apiGroup(group: string): object | undefined {
  const gv = GROUPS.find((g) => g.group === group);
  return gv ? { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(gv) } : undefined;
}

function resourceJSON(r: APIResource): object {
  // Upstream's field order: name, singularName, namespaced, group, version, kind, verbs, shortNames, categories, storageVersionHash.
  return {
    name: r.name,
    singularName: r.singularName,
    namespaced: r.namespaced,
    ...(r.group !== undefined ? { group: r.group } : {}),
    ...(r.version !== undefined ? { version: r.version } : {}),
    kind: r.kind,
    verbs: r.verbs,
    ...(r.shortNames ? { shortNames: r.shortNames } : {}),
    ...(r.categories ? { categories: r.categories } : {}),
    ...(r.storageVersionHash ? { storageVersionHash: r.storageVersionHash } : {}),
  };
}

/** GET /api/v1 or /apis/<group>/<version>; undefined for a group/version the server does not have. */
export function apiResourceList(group: string, version: string): object | undefined {
  const gv = ALL_GROUP_VERSIONS.find((g) => g.group === group && g.version === version);
  if (!gv) return undefined;
  return {
    kind: 'APIResourceList',
    ...(group ? { apiVersion: 'v1' } : {}),
    groupVersion: groupVersionString(gv),
    resources: gv.resources.map(resourceJSON),
  };
}

export interface VersionInfo {
  major: string;
  minor: string;
  emulationMajor: string;
  emulationMinor: string;
  minCompatibilityMajor: string;
  minCompatibilityMinor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

/**
 * GET /version: v1.35.2, the release whose kubectl the lab ships; commit, build date
 * and Go version are that release's (as `kubectl version --client -o json` of the
 * official v1.35.2 binary reports them).
 */
export const VERSION: VersionInfo = {
  major: '1',
  minor: '35',
  emulationMajor: '1',
  emulationMinor: '35',
  minCompatibilityMajor: '1',
  minCompatibilityMinor: '34',
  gitVersion: 'v1.35.2',
  gitCommit: 'fdc9d74cbf2da6754ebf81d56f80ae2948cd6425',
  gitTreeState: 'clean',
  buildDate: '2026-02-26T20:05:34Z',
  goVersion: 'go1.25.7',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export function versionInfo(overrides: Partial<VersionInfo> = {}): VersionInfo {
  return { ...VERSION, ...overrides };
}
