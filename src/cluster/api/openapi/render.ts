// Renders the neutral paths (paths.ts) as OpenAPI v2 path items and v3 path items.
import { PARAMETERS, groupVersionTag, type OperationSpec, type PathSpec } from './paths';
import { refTo, type Json } from './schemas';

const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];
const PRODUCES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

function v2Param(name: string, required = false): Json {
  const p = PARAMETERS[name];
  const out: Json = { description: p.description, in: p.in, name };
  if (p.in === 'path' || required) out.required = true;
  out.type = p.type;
  out.uniqueItems = true;
  return out;
}

function v3Param(name: string): Json {
  const p = PARAMETERS[name];
  const out: Json = { description: p.description, in: p.in, name };
  if (p.in === 'path') out.required = true;
  out.schema = { type: p.type, uniqueItems: true };
  return out;
}

function bodyDefinition(op: OperationSpec): string {
  if (op.body === 'patch') return 'meta.v1.Patch';
  if (op.body === 'delete') return 'meta.v1.DeleteOptions';
  return op.definition!;
}

function extensions(op: OperationSpec): Json {
  return { 'x-kubernetes-action': op.action, 'x-kubernetes-group-version-kind': op.gvk };
}

function v2Operation(op: OperationSpec, tag: string): Json {
  const parameters: Json[] = [];
  if (op.body) parameters.push({ in: 'body', name: 'body', required: op.body !== 'delete', schema: refTo(bodyDefinition(op), 'v2') });
  parameters.push(...op.query.map((q) => v2Param(q)));
  const out: Json = {};
  if (op.body === 'patch') out.consumes = PATCH_TYPES;
  else out.consumes = ['*/*'];
  out.description = op.description;
  out.operationId = op.operationId;
  if (parameters.length) out.parameters = parameters;
  out.produces = op.produces ?? PRODUCES;
  out.responses = Object.fromEntries(
    op.responses.map(([code, description]) => [code, code.startsWith('2') && op.definition ? { description, schema: refTo(op.definition, 'v2') } : code.startsWith('2') && op.produces ? { description, schema: { type: 'string' } } : { description }]),
  );
  out.schemes = ['https'];
  out.tags = [tag];
  return { ...out, ...extensions(op) };
}

function v3Operation(op: OperationSpec, tag: string): Json {
  const out: Json = { description: op.description, operationId: op.operationId };
  if (op.query.length) out.parameters = op.query.map(v3Param);
  if (op.body) {
    const types = op.body === 'patch' ? PATCH_TYPES : ['*/*'];
    out.requestBody = {
      content: Object.fromEntries(types.map((t) => [t, { schema: { $ref: `#/components/schemas/${refName(bodyDefinition(op))}` } }])),
      required: op.body !== 'delete',
    };
  }
  out.responses = Object.fromEntries(
    op.responses.map(([code, description]) => {
      if (!code.startsWith('2')) return [code, { description }];
      if (op.definition) {
        const schema = { $ref: `#/components/schemas/${refName(op.definition)}` };
        return [code, { content: Object.fromEntries((op.produces ?? PRODUCES).map((t) => [t, { schema }])), description }];
      }
      return [code, { content: Object.fromEntries((op.produces ?? ['*/*']).map((t) => [t, { schema: { type: 'string' } }])), description }];
    }),
  );
  out.tags = [tag];
  return { ...out, ...extensions(op) };
}

function refName(def: string): string {
  return (refTo(def, 'v2').$ref as string).slice('#/definitions/'.length);
}

export function renderPaths(paths: PathSpec[], gv: { group: string; version: string }, flavor: 'v2' | 'v3'): Record<string, Json> {
  const { tag } = groupVersionTag(gv);
  const out: Record<string, Json> = {};
  for (const p of paths) {
    const item: Json = {};
    for (const op of p.operations) item[op.method] = flavor === 'v2' ? v2Operation(op, tag) : v3Operation(op, tag);
    item.parameters = p.params.map((n) => (flavor === 'v2' ? v2Param(n) : v3Param(n)));
    out[p.path] = item;
  }
  return out;
}
