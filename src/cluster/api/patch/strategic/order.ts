// The order of merged list items: upstream keeps the patch's order ($setElementOrder,
// else the patch list's) and slots the server-only items in by their live order
// (normalizeElementOrder / mergeSortedSlice), sorting with sort.SliceStable.
import { isPlainObject } from '../../schema/props';
import { goFormat, goTypeOf } from '../go-format';
import { sliceStable } from './go-sort';
import { DIRECTIVE, elemKindOf, errBadArgType, errNoListOfLists, errNoMergeKey, goEqual, has, SmpError, type ElemKind, type JMap } from './common';

export function extractToDeleteItems(list: unknown[]): [unknown[], unknown[]] {
  const keep: unknown[] = [];
  const del: unknown[] = [];
  for (const v of list) {
    if (!isPlainObject(v)) throw errBadArgType('map', v);
    if (has(v, DIRECTIVE) && v[DIRECTIVE] === 'delete') del.push(v);
    else keep.push(v);
  }
  return [keep, del];
}

export function partitionPrimitivesByPresentInList(original: unknown[], partitionBy: unknown[]): [unknown[], unknown[]] {
  const inPatch = new Set(partitionBy.filter((v) => v === null || typeof v !== 'object'));
  const patch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of original) (inPatch.has(v) ? patch : serverOnly).push(v);
  return [patch, serverOnly];
}

export function partitionMapsByPresentInList(original: unknown[], partitionBy: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const patch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of original) {
    if (!isPlainObject(v)) throw errBadArgType('map', v);
    if (!has(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
    const [, , found] = findMapInSliceBasedOnKeyValue(partitionBy, mergeKey, v[mergeKey]);
    (found ? patch : serverOnly).push(v);
  }
  return [patch, serverOnly];
}

export function findMapInSliceBasedOnKeyValue(list: unknown[], key: string, value: unknown): [JMap | null, number, boolean] {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!isPlainObject(v)) throw new SmpError(`value for key ${i} is not a map`);
    if (has(v, key) && goEqual(v[key], value)) return [v, i, true];
  }
  return [null, 0, false];
}

// The element type of the lists; all must agree and none may be a list.
export function sliceElementKind(...lists: Array<unknown[] | null>): ElemKind {
  let prev: string | undefined;
  let kind: ElemKind = 'other';
  for (const list of lists) {
    for (const v of list ?? []) {
      const t = goTypeOf(v);
      if (prev === undefined) {
        prev = t;
        if (Array.isArray(v)) throw errNoListOfLists();
        kind = elemKindOf(v);
      } else if (prev !== t) {
        throw new SmpError(`list element types are not identical: ${goFormat(lists.map((l) => l ?? []))}`);
      }
    }
  }
  if (prev === undefined) throw new SmpError('no elements in any of the given slices');
  return kind;
}

export function indexIn(list: unknown[], val: unknown, mergeKey: string, kind: ElemKind): number {
  const get = kind === 'map' ? (item: unknown) => (isPlainObject(item) ? item[mergeKey] ?? null : null) : (item: unknown) => item;
  const want = get(val);
  for (let i = 0; i < list.length; i++) if (goEqual(want, get(list[i]))) return i;
  return -1;
}

function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: ElemKind): unknown[] {
  let items = [...toSort];
  let toDelete: unknown[] = [];
  if (kind === 'map') {
    for (const list of [items, order]) {
      for (const item of list) {
        if (!isPlainObject(item)) throw errBadArgType('map', item);
        if (!has(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
      }
    }
    [items, toDelete] = extractToDeleteItems(items);
  }
  sliceStable(items, (a, b) => {
    const ia = indexIn(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexIn(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  });
  return [...items, ...toDelete];
}

function mergeSortedSlice(left: unknown[], right: unknown[], serverOrder: unknown[], mergeKey: string, kind: ElemKind): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  const size = left.length + right.length;
  for (let k = 0; k < size; k++) {
    if (i >= left.length && j < right.length) out.push(right[j++]);
    else if (j >= right.length && i < left.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

export function normalizeElementOrder(patch: unknown[], serverOnly: unknown[], patchOrder: unknown[], serverOrder: unknown[], mergeKey: string, kind: ElemKind): unknown[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}
