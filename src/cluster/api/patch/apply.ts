// Applying a PATCH body of any of the three patch types to an object, with the
// errors kube-apiserver gives for bad patches (handlers/patch.go).
import { findKind, kindByName } from '../schema/kinds';
import { goValueKind, JsonSyntaxError, nestingDepth, parseJsonText, toJsonNode, fromJsonNode, type JsonNode } from '../schema/json-ast';
import { applyJsonPatch, decodeJsonPatch, JsonPatchError } from './json-patch';
import { applyMergePatch, MergePatchError } from './json-merge-patch';
import { mergeMap, SERVER_SIDE, SmpError } from './strategic/merge';
import { patchMetaOf, PatchMetaError } from './strategic/meta';
import { badRequest, internal, tooLarge, unprocessable, PatchError } from './errors';

export const JSON_PATCH = 'application/json-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';

export type PatchType = 'json' | 'merge' | 'strategic';

const MAX_JSON_PATCH_OPERATIONS = 10000;

/**
 * Patches nested deeper than this are refused. Go applies them at any depth its JSON
 * decoder accepts (10000); the merges and error texts here recurse, and the JavaScript
 * stack ends a few thousand levels down. No object the API serves is nested a
 * hundredth as deep, so only a broken or hostile client meets this.
 */
export const MAX_PATCH_DEPTH = 1000;

/** The patch type of a Content-Type header (parameters ignored); undefined when it is none of the three. */
export function patchTypeOf(contentType: string): PatchType | undefined {
  const media = contentType.split(';')[0].trim().toLowerCase();
  if (media === JSON_PATCH) return 'json';
  if (media === MERGE_PATCH) return 'merge';
  if (media === STRATEGIC_MERGE_PATCH) return 'strategic';
  return undefined;
}

/** A patch body as a syntax tree; a syntax error is reported as Go's JSON decoder words it. */
export function patchNode(patch: unknown): JsonNode | JsonSyntaxError {
  if (typeof patch === 'string' || patch instanceof Uint8Array) {
    const text = typeof patch === 'string' ? patch : Buffer.from(patch.buffer, patch.byteOffset, patch.byteLength).toString('utf8');
    try {
      return parseJsonText(text);
    } catch (e) {
      if (e instanceof JsonSyntaxError) return e;
      throw e;
    }
  }
  return toJsonNode(patch);
}

export type KindRef = string | { apiVersion: string; kind: string };

/** The schema definition to patch against: from the kind given, else from the target's own apiVersion/kind. */
function definitionFor(kind: KindRef, target: Record<string, unknown>): string {
  if (typeof kind !== 'string') {
    const info = findKind(kind.apiVersion, kind.kind);
    if (!info) throw new Error(`applyPatch: ${kind.apiVersion} ${kind.kind} is not a served kind`);
    return info.definition;
  }
  if (typeof target.apiVersion === 'string') {
    const info = findKind(target.apiVersion, kind);
    if (info) return info.definition;
  }
  const info = kindByName(kind);
  if (!info) throw new Error(`applyPatch: ${kind} is not a served kind`);
  return info.definition;
}

/**
 * Applies a patch to an object and returns the patched object (target is not changed).
 * contentType is the request's Content-Type. The result is not decoded or validated:
 * see patchObject for kube-apiserver's whole PATCH flow. Throws PatchError with
 * upstream's message and the Status the server answers with.
 */
export function applyPatch(kind: KindRef, target: object, patch: unknown, contentType: string): Record<string, unknown> {
  const type = patchTypeOf(contentType);
  if (!type) {
    const msg = `the body of the request was in an unknown format - accepted media types include: ${JSON_PATCH}, ${MERGE_PATCH}, application/apply-patch+yaml, ${STRATEGIC_MERGE_PATCH}`;
    throw new PatchError(msg, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: msg, reason: 'UnsupportedMediaType', code: 415 });
  }
  const current = structuredClone(target) as Record<string, unknown>;
  const node = patchNode(patch);
  if (!(node instanceof JsonSyntaxError) && nestingDepth(node) > MAX_PATCH_DEPTH) {
    throw badRequest(`the patch is nested more than ${MAX_PATCH_DEPTH} levels deep, which this server does not support`);
  }
  switch (type) {
    case 'json': {
      if (node instanceof JsonSyntaxError) throw badRequest(node.message);
      let ops;
      try {
        ops = decodeJsonPatch(node);
      } catch (e) {
        if (e instanceof JsonPatchError) throw badRequest(e.message);
        throw e;
      }
      if (ops.length > MAX_JSON_PATCH_OPERATIONS) {
        throw tooLarge(`The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`);
      }
      try {
        return applyJsonPatch(current, ops) as Record<string, unknown>;
      } catch (e) {
        if (e instanceof JsonPatchError) throw unprocessable(e.message);
        throw e;
      }
    }
    case 'merge': {
      if (node instanceof JsonSyntaxError) throw badRequest('Invalid JSON Patch');
      try {
        return applyMergePatch(current, fromJsonNode(node)) as Record<string, unknown>;
      } catch (e) {
        if (e instanceof MergePatchError) throw badRequest(e.message);
        throw e;
      }
    }
    case 'strategic': {
      if (node instanceof JsonSyntaxError) throw badRequest(node.message);
      if (node.t !== 'object' && node.t !== 'null') {
        throw badRequest(`json: cannot unmarshal ${goValueKind(node)} into Go value of type map[string]interface {}`);
      }
      const patchMap = node.t === 'null' ? {} : (fromJsonNode(node) as Record<string, unknown>);
      try {
        return mergeMap(current, patchMap, patchMetaOf(definitionFor(kind, current)), SERVER_SIDE);
      } catch (e) {
        if (e instanceof SmpError) {
          if (e.errorClass === 'bad-request') throw badRequest(e.message);
          if (e.errorClass === 'unprocessable') throw unprocessable(e.message);
          throw internal(e.message);
        }
        if (e instanceof PatchMetaError) throw internal(e.message);
        throw e;
      }
    }
  }
}

