// What the strategic merge functions share: options, errors with upstream's texts
// (k8s.io/apimachinery/pkg/util/mergepatch), directive names, Go value semantics.
import { isPlainObject } from '../../schema/props';
import { goFormat, goTypeOf } from '../go-format';

export type JMap = Record<string, unknown>;

export interface MergeOptions {
  mergeParallelList: boolean;
  ignoreUnmatchedNulls: boolean;
}

export const SERVER_SIDE: MergeOptions = { mergeParallelList: true, ignoreUnmatchedNulls: true };

/** How kube-apiserver answers each error (handlers/patch.go interpretStrategicMergePatchError). */
export type SmpErrorClass = 'bad-request' | 'unprocessable' | 'internal';

export class SmpError extends Error {
  constructor(message: string, readonly errorClass: SmpErrorClass = 'internal') {
    super(message);
  }
}

export const DIRECTIVE = '$patch';
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
export const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
export const SET_ELEMENT_ORDER = '$setElementOrder';

export const errNoListOfLists = () => new SmpError('lists of lists are not supported', 'unprocessable');
export const errBadPrimitiveList = () => new SmpError('invalid patch format of primitive list', 'bad-request');
export const errBadRetainKeys = () => new SmpError('invalid patch format of retainKeys', 'bad-request');
export const errBadSetElementOrder = () => new SmpError('invalid patch format of setElementOrder list', 'bad-request');
export const errNoMergeKey = (m: unknown, k: string) => new SmpError(`map: ${goFormat(m)} does not contain declared merge key: ${k}`);
export const errBadArgType = (expected: 'map' | 'slice', actual: unknown) =>
  new SmpError(`expected a ${expected === 'map' ? 'map[string]interface {}' : '[]interface {}'}, but received a ${goTypeOf(actual)}`);
export const errBadPatchType = (t: unknown, m: unknown) =>
  new SmpError(`unknown patch type: ${typeof t === 'string' ? t : `%!s(${goTypeOf(t)}=${goFormat(t)})`} in map: ${goFormat(m)}`);

export function has(o: JMap, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

export function set(o: JMap, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

// Go's == on interface{} values decoded from JSON (maps and slices never compare equal here).
export function goEqual(a: unknown, b: unknown): boolean {
  return a === b && (a === null || typeof a !== 'object');
}

export type ElemKind = 'map' | 'other';

export function elemKindOf(v: unknown): ElemKind {
  return isPlainObject(v) ? 'map' : 'other';
}
