// Applying a strategic merge patch as kube-apiserver does
// (k8s.io/apimachinery/pkg/util/strategicpatch, StrategicMergeMapPatch with
// MergeParallelList and IgnoreUnmatchedNulls), ported function by function so
// that results, element order and error texts match. Only the server's side is
// here: kubectl computes the patches, the server applies them.
import { isPlainObject } from '../../schema/props';
import { goFormat, sameGoType } from '../go-format';
import type { LookupPatchMeta } from './meta';
import {
  DELETE_FROM_PRIMITIVE_LIST, DIRECTIVE, RETAIN_KEYS_DIRECTIVE, SET_ELEMENT_ORDER, SmpError, errBadArgType, errBadPatchType,
  errBadPrimitiveList, errBadRetainKeys, errBadSetElementOrder, errNoMergeKey, goEqual, has, set, type JMap, type MergeOptions,
} from './common';
import { extractToDeleteItems, findMapInSliceBasedOnKeyValue, normalizeElementOrder, partitionMapsByPresentInList, partitionPrimitivesByPresentInList, sliceElementKind } from './order';
import { GoSlice } from './go-slice';

export { SERVER_SIDE, SmpError, type MergeOptions, type SmpErrorClass } from './common';

export function mergeMap(original: JMap | null, patch: JMap, schema: LookupPatchMeta, opts: MergeOptions): JMap {
  if (has(patch, DIRECTIVE)) return handleDirectiveInMergeMap(patch[DIRECTIVE], patch);
  const orig: JMap = original ?? {};
  applyRetainKeysDirective(orig, patch, opts);
  mergePatchIntoOriginal(orig, patch, schema, opts);

  for (const key of Object.keys(patch)) {
    if (!has(patch, key)) continue;
    const patchV = patch[key];
    let k = key;
    let isDeleteList = false;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (!opts.mergeParallelList) {
        set(orig, key, patchV);
        continue;
      }
      k = extractKey(key, DELETE_FROM_PRIMITIVE_LIST);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete orig[k];
      if (opts.ignoreUnmatchedNulls) continue;
    }
    if (!has(orig, k)) {
      set(orig, k, patchV);
      continue;
    }
    if (!sameGoType(orig[k], patchV)) {
      set(orig, k, patchV);
      continue;
    }
    if (isPlainObject(patchV)) {
      const [sub, meta] = schema.forStruct(k);
      const strategy = extractRetainKeysPatchStrategy(meta.strategies);
      set(orig, k, mergeMapHandler(orig[k], patchV, sub, strategy, opts));
    } else if (Array.isArray(patchV)) {
      const [sub, meta] = schema.forSlice(k);
      const strategy = extractRetainKeysPatchStrategy(meta.strategies);
      set(orig, k, mergeSliceHandler(orig[k], patchV, sub, strategy, meta.mergeKey, isDeleteList, opts));
    } else {
      set(orig, k, patchV);
    }
  }
  return orig;
}

function handleDirectiveInMergeMap(directive: unknown, patch: JMap): JMap {
  if (directive === 'replace') {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === 'delete') return {};
  throw errBadPatchType(directive, patch);
}

function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_LIST) throw errBadPrimitiveList();
    if (prefix === SET_ELEMENT_ORDER) throw errBadSetElementOrder();
    throw new SmpError(`fail to find unknown prefix ${JSON.stringify(prefix)} in ${s}\n`);
  }
  return s.slice(slash + 1);
}

// Returns the non-retainKeys strategy ("" when none).
function extractRetainKeysPatchStrategy(strategies: string[]): string {
  const list = strategies.length === 1 && strategies[0] === '' ? [] : strategies;
  switch (list.length) {
    case 0:
      return '';
    case 1:
      return list[0] === 'retainKeys' ? '' : list[0];
    case 2:
      if (list[0] === 'retainKeys') return list[1];
      if (list[1] === 'retainKeys') return list[0];
      throw new SmpError(`unexpected patch strategy: [${list.join(' ')}]`);
    default:
      throw new SmpError(`unexpected patch strategy: [${list.join(' ')}]`);
  }
}

function applyRetainKeysDirective(original: JMap, patch: JMap, opts: MergeOptions): void {
  if (!has(patch, RETAIN_KEYS_DIRECTIVE)) return;
  const retainKeys = patch[RETAIN_KEYS_DIRECTIVE];
  delete patch[RETAIN_KEYS_DIRECTIVE];
  if (!opts.mergeParallelList) {
    if (has(original, RETAIN_KEYS_DIRECTIVE)) {
      if (JSON.stringify(original[RETAIN_KEYS_DIRECTIVE]) !== JSON.stringify(retainKeys)) {
        throw new SmpError(`${goFormat(original[RETAIN_KEYS_DIRECTIVE])} and ${goFormat(retainKeys)} are not deep equal: this may happen when calculating the 3-way diff patch`);
      }
    } else {
      set(original, RETAIN_KEYS_DIRECTIVE, retainKeys);
    }
    return;
  }
  if (!Array.isArray(retainKeys)) throw errBadRetainKeys();
  const keep = new Set<unknown>(retainKeys);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw errBadRetainKeys();
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

function mergePatchIntoOriginal(original: JMap, patch: JMap, schema: LookupPatchMeta, opts: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!has(patch, key) || !key.startsWith(SET_ELEMENT_ORDER)) continue;
    const setElementOrder = patch[key];
    if (!opts.mergeParallelList) {
      if (has(original, key)) {
        if (JSON.stringify(original[key]) !== JSON.stringify(setElementOrder)) throw errBadSetElementOrder();
      } else {
        set(original, key, setElementOrder);
      }
    }
    delete patch[key];

    if (!Array.isArray(setElementOrder)) throw errBadArgType('slice', setElementOrder);
    const originalKey = extractKey(key, SET_ELEMENT_ORDER);
    const foundOriginal = has(original, originalKey);
    const foundPatch = has(patch, originalKey);
    let originalList: unknown[] = [];
    let patchList: unknown[] = [];
    if (foundOriginal) {
      if (!Array.isArray(original[originalKey])) throw errBadArgType('slice', original[originalKey]);
      originalList = original[originalKey] as unknown[];
    }
    if (foundPatch) {
      if (!Array.isArray(patch[originalKey])) throw errBadArgType('slice', patch[originalKey]);
      patchList = patch[originalKey] as unknown[];
    }
    const [sub, meta] = schema.forSlice(originalKey);
    const strategy = extractRetainKeysPatchStrategy(meta.strategies);
    validatePatchWithSetOrderList(foundPatch ? patchList : null, setElementOrder, meta.mergeKey);

    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal && foundPatch) merged = patchList;
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(originalList, patchList, sub, strategy, meta.mergeKey, false, opts);
    else continue;

    let patchItems: unknown[];
    let serverOnly: unknown[];
    if (!meta.mergeKey) [patchItems, serverOnly] = partitionPrimitivesByPresentInList(merged, setElementOrder);
    else [patchItems, serverOnly] = partitionMapsByPresentInList(merged, setElementOrder, meta.mergeKey);
    const kind = sliceElementKind(foundOriginal ? originalList : null, foundPatch ? patchList : null);
    set(original, originalKey, normalizeElementOrder(patchItems, serverOnly, setElementOrder, originalList, meta.mergeKey, kind));
    delete patch[originalKey];
  }
}

function validatePatchWithSetOrderList(patchList: unknown[] | null, setOrderList: unknown[], mergeKey: string): void {
  if (setOrderList.length === 0 || !patchList || patchList.length === 0) return;
  let nonDelete = patchList;
  if (mergeKey) [nonDelete] = extractToDeleteItems(patchList);
  let p = 0;
  let s = 0;
  while (p < nonDelete.length && s < setOrderList.length) {
    if (containsDirectiveMarker(nonDelete[p])) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(nonDelete[p], setOrderList[s], mergeKey)) p++;
    s++;
  }
  if (p < nonDelete.length && s >= setOrderList.length) {
    throw new SmpError(`The order in patch list:\n${goFormat(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goFormat(setOrderList)}\n`);
  }
}

function containsDirectiveMarker(item: unknown): boolean {
  return isPlainObject(item) && has(item, DIRECTIVE);
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return goEqual(left, right);
  if (!isPlainObject(left)) throw errBadArgType('map', left);
  if (!isPlainObject(right)) throw errBadArgType('map', right);
  if (!has(left, mergeKey)) throw errNoMergeKey(left, mergeKey);
  if (!has(right, mergeKey)) throw errNoMergeKey(right, mergeKey);
  return goEqual(left[mergeKey], right[mergeKey]);
}

function mergeMapHandler(original: unknown, patch: unknown, schema: LookupPatchMeta, strategy: string, opts: MergeOptions): JMap {
  if (!isPlainObject(original)) throw errBadArgType('map', original);
  if (!isPlainObject(patch)) throw errBadArgType('map', patch);
  return strategy !== 'replace' ? mergeMap(original, patch, schema, opts) : patch;
}

function mergeSliceHandler(original: unknown, patch: unknown, schema: LookupPatchMeta, strategy: string, mergeKey: string, isDeleteList: boolean, opts: MergeOptions): unknown[] {
  if (!Array.isArray(original)) throw errBadArgType('slice', original);
  if (!Array.isArray(patch)) throw errBadArgType('slice', patch);
  return strategy === 'merge' ? mergeSlice(original, patch, schema, mergeKey, opts, isDeleteList) : patch;
}

function deduplicateScalars(s: unknown[]): unknown[] {
  // Go's in-place dedupe: the last element moves into each duplicate's place.
  const a = [...s];
  let length = a.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (goEqual(a[i], a[j])) {
        a[j] = a[length];
        a.length = length;
        length--;
        j--;
      }
    }
  }
  return a;
}

function deleteFromSlice(current: unknown[], toDelete: unknown[]): unknown[] {
  const del = new Set(toDelete.filter((v) => v === null || typeof v !== 'object'));
  return current.filter((v) => !del.has(v));
}

function mergeSlice(original: unknown[], patch: unknown[], schema: LookupPatchMeta, mergeKey: string, opts: MergeOptions, isDeleteList: boolean): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  if (kind !== 'map') {
    if (opts.mergeParallelList && isDeleteList) return deleteFromSlice(original, patch);
    const merged = deduplicateScalars([...original, ...patch]);
    const [patchItems, serverOnly] = partitionPrimitivesByPresentInList(merged, patch);
    return normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, kind);
  }
  if (!mergeKey) throw new SmpError(`cannot merge lists without merge key for ${schema.name()}`);
  const [view, pat] = mergeSliceWithSpecialElements(new GoSlice(original), patch, mergeKey);
  const serverOrder = view.toArray();
  const merged = mergeSliceWithoutSpecialElements(view, pat, mergeKey, schema, opts).toArray();
  const [patchItems, serverOnly] = partitionMapsByPresentInList(merged, pat, mergeKey);
  return normalizeElementOrder(patchItems, serverOnly, pat, serverOrder, mergeKey, kind);
}

function mergeSliceWithSpecialElements(original: GoSlice, patch: unknown[], mergeKey: string): [GoSlice, unknown[]] {
  const plain: unknown[] = [];
  let replace = false;
  for (const v of patch) {
    const m = v as JMap;
    if (!has(m, DIRECTIVE)) {
      plain.push(v);
      continue;
    }
    const directive = m[DIRECTIVE];
    if (directive === 'delete') {
      if (!has(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
      deleteMatchingEntries(original, mergeKey, m[mergeKey]);
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw new SmpError('merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(directive, m);
    }
  }
  return replace ? [GoSlice.of(plain), []] : [original, plain];
}

function deleteMatchingEntries(list: GoSlice, mergeKey: string, value: unknown): void {
  for (;;) {
    const [, idx, found] = findMapInSliceBasedOnKeyValue(list.toArray(), mergeKey, value);
    if (!found) return;
    list.removeAt(idx);
  }
}

function mergeSliceWithoutSpecialElements(original: GoSlice, patch: unknown[], mergeKey: string, schema: LookupPatchMeta, opts: MergeOptions): GoSlice {
  for (const v of patch) {
    const m = v as JMap;
    if (!has(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
    const [found, idx, ok] = findMapInSliceBasedOnKeyValue(original.toArray(), mergeKey, m[mergeKey]);
    if (ok) original.setAt(idx, mergeMap(found, m, schema, opts));
    else original.push(v);
  }
  return original;
}
