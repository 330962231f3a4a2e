import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { acceptsOpenAPIV2Protobuf, openAPIV2, openAPIV2Protobuf, openAPIV3, openAPIV3Index, OPENAPI_V2_PROTOBUF_CONTENT_TYPE } from './index';
import { KINDS } from '../schema/kinds';
import { ALL_GROUP_VERSIONS } from '../discovery/resources';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// Every "$ref" of a document must name one of its schemas.
function danglingRefs(doc: Json, prefix: string, schemas: Json): string[] {
  const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
  return [...new Set(refs)].filter((r) => !r.startsWith(prefix) || !schemas[r.slice(prefix.length)]);
}

// kubectl 1.35's test (resource.supportsQueryParamV3 and apply's gvkSupportsPatchOpenAPIV3):
// a PATCH operation of the kind, with a fieldValidation query parameter and strategic merge patch.
function patchOperationOf(doc: Json, gvk: { group: string; version: string; kind: string }): Json | undefined {
  for (const item of Object.values(doc.paths as Json)) {
    const op = item.patch;
    const x = op?.['x-kubernetes-group-version-kind'];
    if (x && x.group === gvk.group && x.version === gvk.version && x.kind === gvk.kind) return op;
  }
  return undefined;
}

describe('OpenAPI v3', () => {
  it('the index points at every group/version with its hash', () => {
    const index = openAPIV3Index().body as Json;
    expect(Object.keys(index.paths)).toEqual(['api/v1', 'apis/apps/v1', 'apis/apiextensions.k8s.io/v1', 'apis/discovery.k8s.io/v1']);
    for (const [path, { serverRelativeURL }] of Object.entries(index.paths as Record<string, { serverRelativeURL: string }>)) {
      const doc = openAPIV3(path)!;
      expect(serverRelativeURL).toBe(`/openapi/v3/${path}?hash=${doc.etag}`);
      expect(doc.etag).toBe(createHash('sha512').update(doc.bytes).digest('hex').toUpperCase());
      expect(openAPIV3(serverRelativeURL)).toBe(doc);
    }
    expect(openAPIV3('apis/batch/v1')).toBeUndefined();
  });

  it('every served kind hands field validation to the server', () => {
    // events.k8s.io is not served (see GROUPS), so it has no document.
    for (const k of KINDS.filter((x) => !x.kind.endsWith('List') && !['Status', 'DeleteOptions', 'Binding', 'Scale'].includes(x.kind) && x.group !== 'events.k8s.io')) {
      const doc = openAPIV3(k.group ? `apis/${k.group}/${k.version}` : `api/${k.version}`)!.body as Json;
      const op = patchOperationOf(doc, k);
      expect(op, `${k.group}/${k.kind}`).toBeDefined();
      expect(op!.parameters.some((p: Json) => p.name === 'fieldValidation' && p.in === 'query')).toBe(true);
      expect(Object.keys(op!.requestBody.content)).toContain('application/strategic-merge-patch+json');
    }
  });

  it('documents are self-contained and carry the patch metadata kubectl apply reads', () => {
    for (const gv of ALL_GROUP_VERSIONS) {
      const doc = openAPIV3(gv.group ? `apis/${gv.group}/${gv.version}` : `api/${gv.version}`)!.body as Json;
      expect(danglingRefs(doc, '#/components/schemas/', doc.components.schemas)).toEqual([]);
    }
    const apps = openAPIV3('apis/apps/v1')!.body as Json;
    const schemas = apps.components.schemas;
    expect(schemas['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    expect(schemas['io.k8s.api.core.v1.PodSpec'].properties.containers).toMatchObject({
      type: 'array', items: { allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.Container' }] },
      'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge',
    });
    expect(schemas['io.k8s.api.apps.v1.DeploymentSpec'].properties.strategy['x-kubernetes-patch-strategy']).toBe('retainKeys');
    expect(schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({ type: 'string', format: 'int-or-string' });
    expect(schemas['io.k8s.api.apps.v1.DeploymentSpec'].properties.replicas).toMatchObject({ type: 'integer', format: 'int32' });
    expect(schemas['io.k8s.api.apps.v1.DeploymentSpec'].required).toEqual(['selector', 'template']);
    // The scale subresource answers in autoscaling/v1 within the apps document.
    expect(patchOperationOf(apps, { group: 'autoscaling', version: 'v1', kind: 'Scale' })).toBeDefined();
  });
});

// Reads protobuf fields (tag → values) of one message, enough to check the encoding.
function fields(buf: Buffer): Map<number, Array<Buffer | number>> {
  const out = new Map<number, Array<Buffer | number>>();
  let i = 0;
  const varint = () => {
    let n = 0;
    let mul = 1;
    for (;;) {
      const b = buf[i++];
      n += (b & 0x7f) * mul;
      if (b < 0x80) return n;
      mul *= 128;
    }
  };
  while (i < buf.length) {
    const tag = varint();
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    let v: Buffer | number;
    if (wire === 0) v = varint();
    else if (wire === 2) {
      const len = varint();
      v = buf.subarray(i, i + len);
      i += len;
    } else throw new Error(`wire type ${wire}`);
    out.set(field, [...(out.get(field) ?? []), v]);
  }
  return out;
}
const str = (b: Buffer | number | undefined) => (b as Buffer).toString('utf8');

describe('OpenAPI v2', () => {
  it('JSON: definitions and the PATCH operations kubectl 1.35 falls back to', () => {
    const doc = openAPIV2().body as Json;
    expect(doc.swagger).toBe('2.0');
    expect(danglingRefs(doc, '#/definitions/', doc.definitions)).toEqual([]);
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(patch.consumes).toContain('application/strategic-merge-patch+json');
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', kind: 'Deployment', version: 'v1' });
    expect(patch.parameters.map((p: Json) => p.name)).toEqual(['body', 'dryRun', 'fieldManager', 'fieldValidation', 'force']);
    expect(doc.definitions['io.k8s.api.core.v1.ServiceSpec'].properties.ports).toMatchObject({
      items: { $ref: '#/definitions/io.k8s.api.core.v1.ServicePort' }, 'x-kubernetes-patch-merge-key': 'port', 'x-kubernetes-patch-strategy': 'merge',
    });
  });

  it('protobuf: an openapi_v2.Document kubectl 1.20 can read', () => {
    const pb = openAPIV2Protobuf();
    expect(OPENAPI_V2_PROTOBUF_CONTENT_TYPE).not.toContain('@');
    const doc = fields(pb.bytes);
    expect(str(doc.get(1)![0])).toBe('2.0');
    const definitions = fields(doc.get(9)![0] as Buffer).get(1)!.map((b) => fields(b as Buffer));
    const deployment = definitions.find((d) => str(d.get(1)![0]) === 'io.k8s.api.apps.v1.Deployment')!;
    const schema = fields(deployment.get(2)![0] as Buffer);
    const extensions = schema.get(31)!.map((b) => fields(b as Buffer));
    const gvk = extensions.find((e) => str(e.get(1)![0]) === 'x-kubernetes-group-version-kind')!;
    expect(JSON.parse(str(fields(gvk.get(2)![0] as Buffer).get(2)![0]))).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    expect(str(fields(schema.get(22)![0] as Buffer).get(1)![0])).toBe('object');
    expect(definitions.length).toBe(Object.keys((openAPIV2().body as Json).definitions).length);
  });

  it('recognises the protobuf Accept of kubectl 1.20', () => {
    expect(acceptsOpenAPIV2Protobuf('application/com.github.proto-openapi.spec.v2@v1.0+protobuf')).toBe(true);
    expect(acceptsOpenAPIV2Protobuf('application/json')).toBe(false);
  });
});
