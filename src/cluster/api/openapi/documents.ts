// The OpenAPI documents: /openapi/v2 (JSON, and the protobuf kubectl 1.20 asks for)
// and /openapi/v3 (the index, then one document per group/version). Built once and
// kept: they only depend on the schema.
//
// What kubectl does with them (checked with the real binaries against these documents):
// - 1.35 `create/apply -f` (default --validate=strict) reads /openapi/v3, then the
//   group/version's document, finds the kind's PATCH operation with a fieldValidation
//   query parameter, and leaves validation to the server (?fieldValidation=Strict).
//   Without that operation it falls back to /openapi/v2, then to client-side checks.
//   `apply` computes its strategic merge patch from the v3 schemas (patch strategies and
//   merge keys), `explain` renders them.
// - 1.20 reads only /openapi/v2, with Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf,
//   and validates client-side against the definitions ("error validating data:
//   ValidationError(Deployment.spec): unknown field ..."). Answering JSON to that Accept
//   fails every `create -f` ("proto: cannot parse reserved wire type"); 406 makes it try
//   /swagger-2.0.0.pb-v1 and fail on its 404; a Content-Type with "@" fails in Go's MIME
//   parser ("mime: unexpected content after media subtype"); an empty protobuf body is
//   accepted but turns validation, explain and schema-aware apply off. So the protobuf
//   document is served, under OPENAPI_V2_PROTOBUF_CONTENT_TYPE.
import { createHash } from 'node:crypto';
import { ALL_GROUP_VERSIONS, groupVersionString, type GroupVersion } from '../discovery/resources';
import { KINDS } from '../schema/kinds';
import { VERSION } from '../discovery/documents';
import { allDefinitions, reachableDefinitions, type Json } from './schemas';
import { pathsOf } from './paths';
import { renderPaths } from './render';
import { encodeOpenAPIv2 } from './v2-proto';

/** Content-Type of the protobuf v2 document. Not the "@" form clients ask for: Go's MIME parser rejects "@". */
export const OPENAPI_V2_PROTOBUF_CONTENT_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

export interface Document {
  /** The document as an object (JSON), or its bytes (protobuf). */
  body: Json | Buffer;
  /** The serialized bytes. */
  bytes: Buffer;
  /** Upstream's ETag value: uppercase hex SHA-512 of the bytes (quote it in the header). */
  etag: string;
}

function document(body: Json | Buffer): Document {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  return { body, bytes, etag: createHash('sha512').update(bytes).digest('hex').toUpperCase() };
}

const INFO = { title: 'Kubernetes', version: VERSION.gitVersion };

let v2: Document | undefined;
let v2pb: Document | undefined;
const v3 = new Map<string, Document>();
let v3index: Document | undefined;

/** GET /openapi/v2 as JSON. */
export function openAPIV2(): Document {
  if (!v2) {
    const paths: Record<string, Json> = {};
    for (const gv of ALL_GROUP_VERSIONS) Object.assign(paths, renderPaths(pathsOf(gv), gv, 'v2'));
    const sorted = Object.fromEntries(Object.keys(paths).sort().map((k) => [k, paths[k]]));
    v2 = document({ swagger: '2.0', info: INFO, paths: sorted, definitions: allDefinitions('v2') });
  }
  return v2;
}

/** GET /openapi/v2 with Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf (kubectl 1.20, and 1.35's fallbacks). */
export function openAPIV2Protobuf(): Document {
  if (!v2pb) v2pb = document(encodeOpenAPIv2(openAPIV2().body as Json));
  return v2pb;
}

/** The v3 path of a group/version: "api/v1", "apis/apps/v1". */
export function v3PathOf(gv: { group: string; version: string }): string {
  return gv.group ? `apis/${gv.group}/${gv.version}` : `api/${gv.version}`;
}

function v3Document(gv: GroupVersion): Document {
  const paths = renderPaths(pathsOf(gv), gv, 'v3');
  const roots = [
    ...KINDS.filter((k) => groupVersionString(k) === groupVersionString(gv)).map((k) => k.definition),
    ...gv.resources.flatMap((r) => KINDS.filter((k) => k.kind === r.kind && k.group === (r.group ?? gv.group) && k.version === (r.version ?? gv.version)).map((k) => k.definition)),
    'meta.v1.DeleteOptions', 'meta.v1.Status', 'meta.v1.Patch', 'meta.v1.WatchEvent',
  ];
  return document({ openapi: '3.0.0', info: INFO, paths, components: { schemas: reachableDefinitions(roots, 'v3') } });
}

/** GET /openapi/v3/<path> ("api/v1", "apis/apps/v1", …); undefined when there is no such group/version. */
export function openAPIV3(path: string): Document | undefined {
  const clean = path.replace(/^\/+/, '').replace(/^openapi\/v3\//, '').split('?')[0];
  let doc = v3.get(clean);
  if (!doc) {
    const gv = ALL_GROUP_VERSIONS.find((g) => v3PathOf(g) === clean);
    if (!gv) return undefined;
    doc = v3Document(gv);
    v3.set(clean, doc);
  }
  return doc;
}

/** GET /openapi/v3: each group/version's document URL, carrying its hash so clients may cache it forever. */
export function openAPIV3Index(): Document {
  if (!v3index) {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const gv of ALL_GROUP_VERSIONS) {
      const p = v3PathOf(gv);
      paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${openAPIV3(p)!.etag}` };
    }
    v3index = document({ paths });
  }
  return v3index;
}
