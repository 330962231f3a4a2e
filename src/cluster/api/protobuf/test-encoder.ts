// A protobuf writer for tests: builds bodies field by field, with the wire types
// spelled out, so that tests can also send what kubectl never does (packed lists,
// negative numbers, unknown fields, malformed bytes).
import { PROTOBUF_PREFIX } from './unknown';

export type Part = Uint8Array | number[];

export function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  while (v > 0x7fn) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

const concat = (parts: Part[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const key = (field: number, wire: number) => varint(field * 8 + wire);

/** A message: its fields one after another. */
export const msg = (...fields: Part[]): Uint8Array => concat(fields);
/** A varint field (int32, int64, bool, enum). */
export const int = (field: number, value: number | bigint | boolean): number[] => [...key(field, 0), ...varint(typeof value === 'boolean' ? Number(value) : value)];
/** A length-delimited field: bytes, a string, or an embedded message. */
export function bytes(field: number, value: Part | string): Uint8Array {
  const b = typeof value === 'string' ? Buffer.from(value, 'utf8') : Uint8Array.from(value);
  return concat([key(field, 2), varint(b.length), b]);
}
export const str = bytes;
export const fixed32 = (field: number): number[] => [...key(field, 5), 1, 2, 3, 4];
export const fixed64 = (field: number): number[] => [...key(field, 1), 1, 2, 3, 4, 5, 6, 7, 8];
/** A map<string, V> entry. */
export const entry = (field: number, k: string, value: Part | string): Uint8Array => bytes(field, msg(str(1, k), bytes(2, value)));
/** IntOrString as generated code writes it. */
export const intOrString = (v: number | string): Uint8Array => (typeof v === 'number' ? msg(int(1, 0), int(2, v), str(3, '')) : msg(int(1, 1), int(2, 0), str(3, v)));

/** The full body: the magic prefix and the runtime.Unknown envelope. */
export function envelope(apiVersion: string, kind: string, raw: Part): Uint8Array {
  return concat([PROTOBUF_PREFIX, bytes(1, msg(str(1, apiVersion), str(2, kind))), bytes(2, raw), str(3, ''), str(4, '')]);
}
