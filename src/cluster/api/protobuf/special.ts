// The types whose protobuf and JSON forms are hand-written upstream rather than
// generated: metav1.Time (time_proto.go), MicroTime (micro_time_proto.go),
// intstr.IntOrString, resource.Quantity (quantity_proto.go) and metav1.FieldsV1.
// Each decodes straight to the value its Go MarshalJSON writes; null for a zero time.
import { ProtobufError, ProtoReader, WIRE_BYTES, WIRE_VARINT } from './reader';
import type { SpecialType } from './schema';

/** Go's zero time.Time, 0001-01-01T00:00:00Z, in Unix seconds. */
const ZERO_TIME_SECONDS = -62135596800n;

function wrongWire(wire: number, field: string): never {
  throw new ProtobufError(`proto: wrong wireType = ${wire} for field ${field}`);
}

/** Reads a message's fields with the handler; fields it does not take are skipped. */
function eachField(r: ProtoReader, message: string, take: (field: number, wire: number) => boolean): void {
  while (!r.done()) {
    const { field, wire } = r.key(message);
    if (!take(field, wire)) r.skip(wire);
  }
}

function timestamp(r: ProtoReader): { seconds: bigint; nanos: bigint } {
  let seconds = 0n;
  let nanos = 0n;
  eachField(r, 'Timestamp', (field, wire) => {
    if (field !== 1 && field !== 2) return false;
    if (wire !== WIRE_VARINT) wrongWire(wire, field === 1 ? 'Seconds' : 'Nanos');
    if (field === 1) seconds = BigInt.asIntN(64, r.varint());
    else nanos = BigInt.asIntN(32, r.varint());
    return true;
  });
  return { seconds, nanos };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** RFC 3339 in UTC as Go's time.Format writes it, with `digits` of fraction (truncated). */
export function formatTime(seconds: bigint, nanos: bigint, digits: 0 | 6): string {
  // time.Unix normalizes nanos outside [0, 1e9) into the seconds.
  const total = seconds * 1_000_000_000n + nanos;
  let sec = total / 1_000_000_000n;
  let ns = total % 1_000_000_000n;
  if (ns < 0n) {
    ns += 1_000_000_000n;
    sec -= 1n;
  }
  const days = sec >= 0n ? sec / 86400n : -((-sec + 86399n) / 86400n);
  const secOfDay = Number(sec - days * 86400n);
  const d = new Date(Number(days) * 86_400_000);
  const year = d.getUTCFullYear();
  const date = `${year >= 0 && year <= 9999 ? pad(year, 4) : year}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
  const clock = `${pad(Math.floor(secOfDay / 3600), 2)}:${pad(Math.floor(secOfDay / 60) % 60, 2)}:${pad(secOfDay % 60, 2)}`;
  const fraction = digits ? `.${pad(Number(ns), 9).slice(0, digits)}` : '';
  return `${date}T${clock}${fraction}Z`;
}

function decodeTime(r: ProtoReader, micro: boolean): string | null {
  if (r.done()) return null;
  const { seconds, nanos } = timestamp(r);
  // Time keeps whole seconds only ("our JSON only handled seconds"); MicroTime keeps nanos.
  const ns = micro ? nanos : 0n;
  if (seconds * 1_000_000_000n + ns === ZERO_TIME_SECONDS * 1_000_000_000n) return null;
  return formatTime(seconds, ns, micro ? 6 : 0);
}

function decodeIntOrString(r: ProtoReader): number | string {
  let type = 0n;
  let intVal = 0;
  let strVal = '';
  eachField(r, 'IntOrString', (field, wire) => {
    if (field === 1 || field === 2) {
      if (wire !== WIRE_VARINT) wrongWire(wire, field === 1 ? 'Type' : 'IntVal');
      const v = r.varint();
      if (field === 1) type = BigInt.asIntN(64, v);
      else intVal = Number(BigInt.asIntN(32, v));
      return true;
    }
    if (field === 3) {
      if (wire !== WIRE_BYTES) wrongWire(wire, 'StrVal');
      strVal = r.string();
      return true;
    }
    return false;
  });
  return type === 1n ? strVal : intVal;
}

function decodeQuantity(r: ProtoReader): string {
  // The zero Quantity writes "0"; a present string is parsed (and canonicalized) by the
  // JSON decoding that follows, as the JSON path does.
  let s = '0';
  eachField(r, 'Quantity', (field, wire) => {
    if (field !== 1) return false;
    if (wire !== WIRE_BYTES) wrongWire(wire, 'String');
    s = r.string();
    return true;
  });
  return s;
}

function decodeFieldsV1(r: ProtoReader): unknown {
  let raw: Uint8Array | undefined;
  eachField(r, 'FieldsV1', (field, wire) => {
    if (field !== 1) return false;
    if (wire !== WIRE_BYTES) wrongWire(wire, 'Raw');
    raw = r.bytes();
    return true;
  });
  if (!raw) return null;
  // FieldsV1 is raw JSON that MarshalJSON writes as is.
  try {
    return JSON.parse(Buffer.from(raw).toString('utf8'));
  } catch (err) {
    throw new ProtobufError(`json: error calling MarshalJSON for type *v1.FieldsV1: ${(err as Error).message}`);
  }
}

/** The JSON value of a special type from its message bytes (the reader is bounded to them). */
export function decodeSpecial(type: SpecialType, r: ProtoReader): unknown {
  switch (type) {
    case 'Time':
      return decodeTime(r, false);
    case 'MicroTime':
      return decodeTime(r, true);
    case 'IntOrString':
      return decodeIntOrString(r);
    case 'Quantity':
      return decodeQuantity(r);
    case 'FieldsV1':
      return decodeFieldsV1(r);
  }
}

/** What an absent (Go zero) value of a special type writes; null is left out. */
export function specialZero(type: SpecialType): unknown {
  if (type === 'IntOrString') return 0;
  if (type === 'Quantity') return '0';
  return null;
}
