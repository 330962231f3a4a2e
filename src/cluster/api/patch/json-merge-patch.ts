// JSON merge patch (RFC 7386) as kube-apiserver applies it: evanphx/json-patch v4
// MergePatch, quirks included (nulls are pruned from values that replace
// non-objects, an array patch replaces the whole document).
import { isPlainObject } from '../schema/props';

export const ERR_BAD_JSON_PATCH = 'Invalid JSON Patch';

export class MergePatchError extends Error {}

type JMap = Record<string, unknown>;

function set(o: JMap, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

function pruneNulls(v: unknown): unknown {
  if (isPlainObject(v)) return pruneDocNulls(v);
  if (Array.isArray(v)) return pruneAryNulls(v);
  return v;
}

function pruneDocNulls(doc: JMap): JMap {
  for (const [k, v] of Object.entries(doc)) {
    if (v === null) delete doc[k];
    else pruneNulls(v);
  }
  return doc;
}

function pruneAryNulls(ary: unknown[]): unknown[] {
  const kept = ary.filter((v) => v !== null);
  kept.forEach(pruneNulls);
  ary.length = 0;
  ary.push(...kept);
  return ary;
}

function merge(cur: unknown, patch: unknown): unknown {
  if (!isPlainObject(cur)) return pruneNulls(patch);
  if (!isPlainObject(patch)) return patch;
  mergeDocs(cur, patch);
  return cur;
}

function mergeDocs(doc: JMap, patch: JMap): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete doc[k];
    } else if (!Object.prototype.hasOwnProperty.call(doc, k) || doc[k] === null) {
      set(doc, k, pruneNulls(v));
    } else {
      set(doc, k, merge(doc[k], v));
    }
  }
}

/**
 * Applies a merge patch to a document. Both are decoded JSON and both may be
 * changed in place (pass copies). Throws MergePatchError("Invalid JSON Patch")
 * for a patch that is neither an object nor an array.
 */
export function applyMergePatch(doc: unknown, patch: unknown): unknown {
  if (isPlainObject(patch)) {
    if (!isPlainObject(doc)) return pruneDocNulls(patch);
    mergeDocs(doc, patch);
    return doc;
  }
  if (Array.isArray(patch)) return pruneAryNulls(patch);
  throw new MergePatchError(ERR_BAD_JSON_PATCH);
}
