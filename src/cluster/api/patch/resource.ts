// kube-apiserver's whole PATCH flow for one object (handlers/patch.go): strict
// checks of the patch body when fieldValidation is Strict or Warn, the patch
// itself, then decoding the patched object into its kind, with upstream's errors
// (a patched object that does not decode is 422 Invalid on the field "patch").
import type { Status } from '../types';
import { decodeDetailed, type FieldValidation } from '../schema/decode';
import { duplicateFields, goValueKind, JsonSyntaxError, type JsonNode } from '../schema/json-ast';
import { applyPatch, patchNode, patchTypeOf } from './apply';
import { badRequest, invalidPatch, PatchError } from './errors';
import { goFormat } from './go-format';
import { fromJsonNode } from '../schema/json-ast';

export type PatchResult = { object: Record<string, unknown>; warnings: string[] } | { status: Status };

const OP_FIELDS = new Set(['op', 'path', 'from', 'value']);

// kjson.UnmarshalStrict(patch, &[]jsonPatchOp): unknown and repeated fields of the
// operations, and Go's type errors for fields that are not strings.
function jsonPatchStrictErrors(node: JsonNode): string[] {
  const fail = (msg: string): never => {
    throw badRequest(`error decoding patch: ${msg}`);
  };
  if (node.t === 'null') return [];
  if (node.t !== 'array') fail(`json: cannot unmarshal ${goValueKind(node)} into Go value of type []handlers.jsonPatchOp`);
  const errs: string[] = [];
  (node as JsonNode & { t: 'array' }).items.forEach((item, i) => {
    if (item.t === 'null') return;
    if (item.t !== 'object') fail(`json: cannot unmarshal ${goValueKind(item)} into Go value of type handlers.jsonPatchOp`);
    const seen = new Set<string>();
    for (const { key, value } of (item as JsonNode & { t: 'object' }).entries) {
      if (!OP_FIELDS.has(key)) {
        errs.push(`unknown field "[${i}].${key}"`);
        continue;
      }
      if (seen.has(key)) errs.push(`duplicate field "[${i}].${key}"`);
      seen.add(key);
      if (key === 'value') errs.push(...duplicateFields(value, `[${i}].value`));
      else if (value.t !== 'string' && value.t !== 'null') fail(`json: cannot unmarshal ${goValueKind(value)} into Go struct field jsonPatchOp.${key} of type string`);
    }
  });
  return [...new Set(errs)].map((e) => `json patch ${e}`);
}

export interface PatchObjectArgs {
  /** The endpoint's kind and apiVersion, e.g. "Deployment", "apps/v1". */
  kind: string;
  apiVersion: string;
  /** The object as stored (its served version). */
  current: object;
  /** The request body. */
  patch: string | Uint8Array;
  /** The request's Content-Type. */
  contentType: string;
  fieldValidation: FieldValidation;
}

/** Patches an object and decodes the result; a Status on any failure, as kube-apiserver answers. */
export function patchObject(args: PatchObjectArgs): PatchResult {
  const { kind, apiVersion, current, patch, contentType, fieldValidation: mode } = args;
  const type = patchTypeOf(contentType);
  const strict = mode === 'Strict' || mode === 'Warn';
  try {
    const node = patchNode(patch);
    let bodyErrors: string[] = [];
    if (strict && type && !(node instanceof JsonSyntaxError)) {
      if (type === 'json') bodyErrors = jsonPatchStrictErrors(node);
      else if (node.t !== 'object' && node.t !== 'null') {
        const msg = `json: cannot unmarshal ${goValueKind(node)} into Go value of type map[string]interface {}`;
        throw badRequest(type === 'merge' ? `error decoding patch: ${msg}` : msg);
      } else bodyErrors = duplicateFields(node);
    }
    const patched = applyPatch({ apiVersion, kind }, current, patch, contentType);
    // What the Invalid error shows as the value: the patched JSON, or for a strategic
    // merge patch the patch map printed with %+v.
    const shown = () => (type === 'strategic' && !(node instanceof JsonSyntaxError) ? goFormat(fromJsonNode(node)) : JSON.stringify(patched));
    // A strategic merge patch yields a map that the unstructured converter turns into the
    // object (its own error texts); the other patch types yield JSON for the decoder.
    const decoded = decodeDetailed(kind, apiVersion, patched, mode, type === 'strategic' ? 'unstructured' : 'json');
    if ('error' in decoded) throw invalidPatch(shown(), decoded.error);
    const all = [...bodyErrors, ...decoded.strictErrors];
    if (all.length && mode === 'Strict') throw invalidPatch(shown(), `strict decoding error: ${all.join(', ')}`);
    return { object: decoded.object, warnings: mode === 'Warn' ? all : [] };
  } catch (e) {
    if (e instanceof PatchError) return { status: e.status };
    throw e;
  }
}
