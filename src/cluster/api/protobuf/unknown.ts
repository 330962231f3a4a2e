// The envelope of every Kubernetes protobuf body (runtime/serializer/protobuf/protobuf.go):
// the magic "k8s\0", then a runtime.Unknown whose typeMeta names the kind and whose raw
// bytes are the object's own message.
import { ProtobufError, ProtoReader, WIRE_BYTES } from './reader';

export const PROTOBUF_PREFIX = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

export interface Unknown {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
}

function wrongWire(wire: number, field: string): never {
  throw new ProtobufError(`proto: wrong wireType = ${wire} for field ${field}`);
}

function readTypeMeta(r: ProtoReader, into: Unknown): void {
  while (!r.done()) {
    const { field, wire } = r.key('TypeMeta');
    if (field === 1 || field === 2) {
      if (wire !== WIRE_BYTES) wrongWire(wire, field === 1 ? 'APIVersion' : 'Kind');
      if (field === 1) into.apiVersion = r.string();
      else into.kind = r.string();
    } else {
      r.skip(wire);
    }
  }
}

const FIELDS = ['', 'TypeMeta', 'Raw', 'ContentEncoding', 'ContentType'];

/** The Unknown after the prefix; errors are upstream's Decode errors. */
export function readUnknown(body: Uint8Array): Unknown {
  if (body.length === 0) throw new ProtobufError('empty data');
  if (body.length < PROTOBUF_PREFIX.length || PROTOBUF_PREFIX.some((b, i) => body[i] !== b)) {
    throw new ProtobufError(`provided data does not appear to be a protobuf message, expected prefix [${PROTOBUF_PREFIX.join(' ')}]`);
  }
  if (body.length === PROTOBUF_PREFIX.length) throw new ProtobufError('empty body');
  const unk: Unknown = { apiVersion: '', kind: '', raw: new Uint8Array(0), contentEncoding: '', contentType: '' };
  const r = new ProtoReader(body, PROTOBUF_PREFIX.length);
  while (!r.done()) {
    const { field, wire } = r.key('Unknown');
    if (field < 1 || field > 4) {
      r.skip(wire);
      continue;
    }
    if (wire !== WIRE_BYTES) wrongWire(wire, FIELDS[field]!);
    if (field === 1) {
      const { start, end } = r.delimited();
      readTypeMeta(new ProtoReader(body, start, end), unk);
    } else if (field === 2) {
      unk.raw = r.bytes();
    } else if (field === 3) {
      unk.contentEncoding = r.string();
    } else {
      unk.contentType = r.string();
    }
  }
  return unk;
}
