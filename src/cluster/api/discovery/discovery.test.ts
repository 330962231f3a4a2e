import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aggregatedDiscovery, acceptsAggregated, apiGroupList, apiResourceList, apiVersions, ALL_GROUP_VERSIONS, VERSION, versionInfo } from './index';

// kube-apiserver's storage version hash: base64 of the first 8 bytes of sha256("group/version/Kind") of the storage version.
const hash = (gvk: string) => createHash('sha256').update(gvk).digest().subarray(0, 8).toString('base64');

describe('discovery documents', () => {
  it('/api names the advertised address', () => {
    expect(JSON.stringify(apiVersions('10.100.0.104:6443'))).toBe(
      '{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"10.100.0.104:6443"}]}',
    );
  });

  it('/apis lists the groups with their preferred versions', () => {
    expect(apiGroupList()).toEqual({
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: ['apps', 'apiextensions.k8s.io', 'discovery.k8s.io'].map((name) => ({
        name,
        versions: [{ groupVersion: `${name}/v1`, version: 'v1' }],
        preferredVersion: { groupVersion: `${name}/v1`, version: 'v1' },
      })),
    });
  });

  it('/api/v1 is written as upstream writes it (no apiVersion, field order)', () => {
    const text = JSON.stringify(apiResourceList('', 'v1'));
    expect(text.startsWith('{"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"bindings","singularName":"binding","namespaced":true,"kind":"Binding","verbs":["create"]},')).toBe(true);
    expect(text).toContain(
      '{"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["po"],"categories":["all"],"storageVersionHash":"xPOwRZ+Yhw8="}',
    );
    expect(text).toContain('{"name":"pods/log","singularName":"","namespaced":true,"kind":"Pod","verbs":["get"]}');
  });

  it('/apis/apps/v1 has scale subresources in autoscaling/v1', () => {
    const list = apiResourceList('apps', 'v1') as { apiVersion: string; resources: Array<Record<string, unknown>> };
    expect(list.apiVersion).toBe('v1');
    expect(list.resources.find((r) => r.name === 'deployments/scale')).toEqual({
      name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'],
    });
    expect(list.resources.find((r) => r.name === 'replicasets')).toMatchObject({ shortNames: ['rs'], categories: ['all'] });
    expect(apiResourceList('batch', 'v1')).toBeUndefined();
  });

  it('short names kubectl users type', () => {
    const names = ALL_GROUP_VERSIONS.flatMap((gv) => gv.resources.flatMap((r) => r.shortNames ?? []));
    expect(names.sort()).toEqual(['crd', 'crds', 'deploy', 'ep', 'ev', 'no', 'ns', 'po', 'rs', 'svc']);
  });

  it('storage version hashes are those of the storage versions', () => {
    const stored: Record<string, string> = {
      pods: '/v1/Pod', services: '/v1/Service', endpoints: '/v1/Endpoints', namespaces: '/v1/Namespace', nodes: '/v1/Node',
      deployments: 'apps/v1/Deployment', replicasets: 'apps/v1/ReplicaSet', endpointslices: 'discovery.k8s.io/v1/EndpointSlice',
      events: '/v1/Event', customresourcedefinitions: 'apiextensions.k8s.io/v1/CustomResourceDefinition',
    };
    for (const gv of ALL_GROUP_VERSIONS) {
      for (const r of gv.resources.filter((x) => x.storageVersionHash)) expect(r.storageVersionHash, r.name).toBe(hash(stored[r.name]));
    }
  });

  it('/version', () => {
    expect(VERSION.gitVersion).toBe('v1.35.2');
    expect(versionInfo({ platform: 'linux/arm64' })).toMatchObject({ major: '1', minor: '35', platform: 'linux/arm64' });
  });
});

describe('aggregated discovery v2', () => {
  it('recognises what kubectl 1.35 sends', () => {
    expect(acceptsAggregated('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json')).toBe(true);
    expect(acceptsAggregated('application/json, */*')).toBe(false);
  });

  it('folds subresources under their resource', () => {
    const doc = aggregatedDiscovery('apis') as { items: Array<{ metadata: { name: string }; versions: Array<{ resources: Array<Record<string, unknown>> }> }> };
    const apps = doc.items.find((i) => i.metadata.name === 'apps')!;
    expect(apps.versions[0].resources[0]).toEqual({
      resource: 'deployments',
      responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' },
      scope: 'Namespaced',
      singularResource: 'deployment',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['deploy'],
      categories: ['all'],
      subresources: [
        { subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] },
        { subresource: 'status', responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' }, verbs: ['get', 'patch', 'update'] },
      ],
    });
    const core = aggregatedDiscovery('api') as { items: Array<{ versions: Array<{ resources: Array<{ resource: string; scope: string }> }> }> };
    expect(core.items[0].versions[0].resources.find((r) => r.resource === 'nodes')?.scope).toBe('Cluster');
  });
});
