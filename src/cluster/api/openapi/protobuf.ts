// A minimal protocol buffers writer (proto3 wire format): enough to encode the
// OpenAPI v2 document as gnostic's openapi_v2.Document.

export class ProtoWriter {
  private readonly chunks: Buffer[] = [];

  private varint(n: number): void {
    const bytes: number[] = [];
    let v = n;
    while (v > 0x7f) {
      bytes.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    bytes.push(v);
    this.chunks.push(Buffer.from(bytes));
  }

  private tag(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  /** A string field; proto3 leaves out empty strings. */
  string(field: number, s: string | undefined): this {
    if (!s) return this;
    const b = Buffer.from(s, 'utf8');
    this.tag(field, 2);
    this.varint(b.length);
    this.chunks.push(b);
    return this;
  }

  strings(field: number, list: readonly string[] | undefined): this {
    for (const s of list ?? []) {
      const b = Buffer.from(s, 'utf8');
      this.tag(field, 2);
      this.varint(b.length);
      this.chunks.push(b);
    }
    return this;
  }

  bool(field: number, b: boolean | undefined): this {
    if (!b) return this;
    this.tag(field, 0);
    this.varint(1);
    return this;
  }

  /** An embedded message; written even when empty, as a present message is. */
  message(field: number, m: ProtoWriter | undefined): this {
    if (!m) return this;
    const b = m.finish();
    this.tag(field, 2);
    this.varint(b.length);
    this.chunks.push(b);
    return this;
  }

  messages(field: number, list: readonly ProtoWriter[]): this {
    for (const m of list) this.message(field, m);
    return this;
  }

  finish(): Buffer {
    return Buffer.concat(this.chunks);
  }
}
