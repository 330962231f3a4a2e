// The protocol buffers wire format, read as upstream's generated Go code
// (gogo/protobuf, generated.pb.go) reads it, with its error texts: those are what
// kube-apiserver reports for a body it cannot decode.

export class ProtobufError extends Error {}

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_START_GROUP = 3;
export const WIRE_END_GROUP = 4;
export const WIRE_FIXED32 = 5;

const UNEXPECTED_EOF = 'unexpected EOF';
const INVALID_LENGTH = 'proto: negative length found during unmarshaling';

export class ProtoReader {
  pos: number;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  /** An unsigned 64-bit varint. */
  varint(): bigint {
    let v = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (shift >= 64n) throw new ProtobufError('proto: integer overflow');
      if (this.pos >= this.end) throw new ProtobufError(UNEXPECTED_EOF);
      const b = this.buf[this.pos++]!;
      v |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, v);
    }
  }

  /** A field key: its number and wire type. message names the Go type in errors. */
  key(message: string): { field: number; wire: number } {
    const key = this.varint();
    const wire = Number(key & 7n);
    // Go keeps the field number in an int32.
    const field = Number(BigInt.asIntN(32, key >> 3n));
    if (wire === WIRE_END_GROUP) throw new ProtobufError(`proto: ${message}: wiretype end group for non-group`);
    if (field <= 0) throw new ProtobufError(`proto: ${message}: illegal tag ${field} (wire type ${key})`);
    return { field, wire };
  }

  /** The bounds of a length-delimited value, which the reader then steps over. */
  delimited(): { start: number; end: number } {
    const len = BigInt.asIntN(64, this.varint());
    if (len < 0n) throw new ProtobufError(INVALID_LENGTH);
    const start = this.pos;
    if (BigInt(start) + len > BigInt(this.end)) throw new ProtobufError(UNEXPECTED_EOF);
    this.pos = start + Number(len);
    return { start, end: this.pos };
  }

  bytes(): Uint8Array {
    const { start, end } = this.delimited();
    return this.buf.subarray(start, end);
  }

  string(): string {
    const b = this.bytes();
    return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
  }

  /** Steps over a field the message does not know (skipGenerated). */
  skip(wire: number): void {
    let depth = 0;
    for (;;) {
      switch (wire) {
        case WIRE_VARINT:
          this.varint();
          break;
        case WIRE_FIXED64:
          this.pos += 8;
          break;
        case WIRE_BYTES:
          this.delimited();
          break;
        case WIRE_START_GROUP:
          depth++;
          break;
        case WIRE_END_GROUP:
          if (depth === 0) throw new ProtobufError('proto: unexpected end of group');
          depth--;
          break;
        case WIRE_FIXED32:
          this.pos += 4;
          break;
        default:
          throw new ProtobufError(`proto: illegal wireType ${wire}`);
      }
      if (this.pos > this.end) throw new ProtobufError(UNEXPECTED_EOF);
      if (depth === 0) return;
      wire = Number(this.varint() & 7n);
    }
  }
}
