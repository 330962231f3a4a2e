// Decoding a message into the Go struct it stands for, kept as field number → value
// until it is written as JSON (render.ts): merging a message that appears twice, and
// telling an absent field from a zero one, both need the struct, not its JSON.
import { ProtobufError, ProtoReader, WIRE_BYTES, WIRE_VARINT } from './reader';
import { isMessageType, message, type FieldDef, type MessageDef, type SpecialType, SPECIAL_TYPES } from './schema';
import { decodeSpecial } from './special';

export interface MessageState {
  def: MessageDef;
  /** A scalar, a special type's JSON value, a MessageState, an array of those, or a Map for map fields. */
  values: Map<number, unknown>;
}

export function newState(def: MessageDef): MessageState {
  return { def, values: new Map() };
}

function wrongWire(wire: number, f: FieldDef): never {
  throw new ProtobufError(`proto: wrong wireType = ${wire} for field ${f.goName}`);
}

function scalarFromVarint(type: string, v: bigint): number | boolean {
  if (type === 'bool') return v !== 0n;
  // Generated code accumulates int32 fields in an int32: the low 32 bits, signed.
  return Number(type === 'int32' ? BigInt.asIntN(32, v) : BigInt.asIntN(64, v));
}

/** One value of the field's type at the reader, whose wire type is already checked. */
function readValue(r: ProtoReader, type: string, into?: unknown): unknown {
  if (type === 'string') return r.string();
  if (type === 'bytes') return r.bytes();
  if (type === 'int32' || type === 'int64' || type === 'bool') return scalarFromVarint(type, r.varint());
  const { start, end } = r.delimited();
  const sub = new ProtoReader(r.buf, start, end);
  if (SPECIAL_TYPES.has(type)) return decodeSpecial(type as SpecialType, sub);
  // A message seen again merges into the first (proto semantics; generated Unmarshal does not reset).
  const state = (into as MessageState | undefined) ?? newState(message(type));
  decodeFields(state, sub);
  return state;
}

function wireOf(type: string): number {
  return type === 'int32' || type === 'int64' || type === 'bool' ? WIRE_VARINT : WIRE_BYTES;
}

function readMapEntry(r: ProtoReader, f: FieldDef): [string, unknown] {
  const { start, end } = r.delimited();
  const entry = new ProtoReader(r.buf, start, end);
  let key = '';
  let value: unknown;
  // Generated map code reads key (1) and value (2) by number without checking wire types.
  while (!entry.done()) {
    const { field, wire } = entry.key(f.goName);
    if (field === 1) key = entry.string();
    else if (field === 2) value = readValue(entry, f.type);
    else entry.skip(wire);
  }
  return [key, value];
}

function decodeField(state: MessageState, f: FieldDef, wire: number, r: ProtoReader): void {
  const values = state.values;
  if (f.map) {
    if (wire !== WIRE_BYTES) wrongWire(wire, f);
    let map = values.get(f.number) as Map<string, unknown> | undefined;
    if (!map) values.set(f.number, (map = new Map()));
    const [key, value] = readMapEntry(r, f);
    map.set(key, value);
    return;
  }
  if (f.repeated) {
    let list = values.get(f.number) as unknown[] | undefined;
    if (!list) values.set(f.number, (list = []));
    const expected = wireOf(f.type);
    if (expected === WIRE_VARINT && wire === WIRE_BYTES) {
      // Packed: generated code accepts both forms for repeated numbers.
      const { start, end } = r.delimited();
      const packed = new ProtoReader(r.buf, start, end);
      while (!packed.done()) list.push(scalarFromVarint(f.type, packed.varint()));
      return;
    }
    if (wire !== expected) wrongWire(wire, f);
    list.push(readValue(r, f.type));
    return;
  }
  if (wire !== wireOf(f.type)) wrongWire(wire, f);
  values.set(f.number, readValue(r, f.type, isMessageType(f.type) ? values.get(f.number) : undefined));
}

/** Reads every field at the reader into the state; unknown fields are skipped, as upstream does. */
export function decodeFields(state: MessageState, r: ProtoReader): void {
  while (!r.done()) {
    const { field, wire } = r.key(state.def.goName);
    const f = state.def.byNumber.get(field);
    if (f) decodeField(state, f, wire, r);
    else r.skip(wire);
  }
}

/** The struct a message's bytes decode to. */
export function decodeMessage(name: string, bytes: Uint8Array): MessageState {
  const state = newState(message(name));
  decodeFields(state, new ProtoReader(bytes));
  return state;
}
