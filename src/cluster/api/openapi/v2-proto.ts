// The OpenAPI v2 document as gnostic's openapi_v2.Document protobuf (OpenAPIv2.proto),
// which is what kubectl 1.20 reads from /openapi/v2. Vendor extensions travel as
// NamedAny whose yaml holds the value; JSON is valid YAML, so values are written as JSON.
import { ProtoWriter } from './protobuf';
import type { Json } from './schemas';

const w = () => new ProtoWriter();

function namedAny(name: string, value: unknown): ProtoWriter {
  return w().string(1, name).message(2, w().string(2, JSON.stringify(value)));
}

function vendorExtensions(o: Json): ProtoWriter[] {
  return Object.entries(o).filter(([k]) => k.startsWith('x-')).map(([k, v]) => namedAny(k, v));
}

export function schema(s: Json): ProtoWriter {
  const m = w()
    .string(1, s.$ref as string | undefined)
    .string(2, s.format as string | undefined)
    .string(4, s.description as string | undefined)
    .strings(19, s.required as string[] | undefined);
  for (const e of (s.enum as unknown[] | undefined) ?? []) m.message(20, w().string(2, JSON.stringify(e)));
  if (s.additionalProperties) m.message(21, w().message(1, schema(s.additionalProperties as Json)));
  if (s.type) m.message(22, w().strings(1, [s.type as string]));
  if (s.items) m.message(23, w().message(1, schema(s.items as Json)));
  if (s.properties) {
    const props = w();
    for (const [name, sub] of Object.entries(s.properties as Record<string, Json>)) props.message(1, w().string(1, name).message(2, schema(sub)));
    m.message(25, props);
  }
  return m.messages(31, vendorExtensions(s));
}

function parameter(p: Json): ProtoWriter {
  if (p.in === 'body') {
    const body = w().string(1, p.description as string).string(2, p.name as string).string(3, 'body').bool(4, p.required as boolean).message(5, schema(p.schema as Json));
    return w().message(1, w().message(1, body));
  }
  const sub = w().bool(1, p.required as boolean).string(2, p.in as string).string(3, p.description as string).string(4, p.name as string);
  // QueryParameterSubSchema and PathParameterSubSchema number type and uniqueItems differently.
  if (p.in === 'query') sub.string(6, p.type as string).bool(20, p.uniqueItems as boolean);
  else sub.string(5, p.type as string).bool(19, p.uniqueItems as boolean);
  return w().message(1, w().message(2, w().message(p.in === 'query' ? 3 : 4, sub)));
}

function operation(o: Json): ProtoWriter {
  const responses = w();
  for (const [code, r] of Object.entries(o.responses as Record<string, Json>)) {
    const resp = w().string(1, r.description as string);
    if (r.schema) resp.message(2, w().message(1, schema(r.schema as Json)));
    responses.message(1, w().string(1, code).message(2, w().message(1, resp)));
  }
  return w()
    .strings(1, o.tags as string[])
    .string(3, o.description as string)
    .string(5, o.operationId as string)
    .strings(6, o.produces as string[])
    .strings(7, o.consumes as string[])
    .messages(8, ((o.parameters as Json[]) ?? []).map(parameter))
    .message(9, responses)
    .strings(10, o.schemes as string[])
    .messages(13, vendorExtensions(o));
}

const METHOD_FIELDS: Record<string, number> = { get: 2, put: 3, post: 4, delete: 5, options: 6, head: 7, patch: 8 };

function pathItem(p: Json): ProtoWriter {
  const m = w();
  for (const [method, field] of Object.entries(METHOD_FIELDS)) if (p[method]) m.message(field, operation(p[method] as Json));
  return m.messages(9, ((p.parameters as Json[]) ?? []).map(parameter));
}

/** Encodes a Swagger 2.0 document (as built by documents.ts) to openapi_v2.Document bytes. */
export function encodeOpenAPIv2(doc: Json): Buffer {
  const info = doc.info as Json;
  const paths = w();
  for (const [name, item] of Object.entries(doc.paths as Record<string, Json>)) paths.message(2, w().string(1, name).message(2, pathItem(item)));
  const definitions = w();
  for (const [name, s] of Object.entries(doc.definitions as Record<string, Json>)) definitions.message(1, w().string(1, name).message(2, schema(s)));
  return w()
    .string(1, doc.swagger as string)
    .message(2, w().string(1, info.title as string).string(2, info.version as string))
    .message(8, paths)
    .message(9, definitions)
    .finish();
}
