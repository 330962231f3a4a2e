// Turns a byte stream into text without ever splitting a UTF-8 character
// between two chunks: a Korean syllable is three bytes, and a read may end in
// the middle of one. The incomplete tail waits for the next chunk. Pure.

/** How many bytes at the end of `buf` belong to a character that is not complete yet. */
export function incompleteTail(buf: Uint8Array): number {
  // Look back at most 3 bytes for the lead byte of the last character.
  for (let back = 1; back <= Math.min(3, buf.length); back++) {
    const b = buf[buf.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: keep looking
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

export class Utf8Splitter {
  private pending: Buffer = Buffer.alloc(0);

  /** Decodes what is complete and keeps the rest for later. */
  write(chunk: Buffer): string {
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const tail = incompleteTail(buf);
    this.pending = tail ? Buffer.from(buf.subarray(buf.length - tail)) : Buffer.alloc(0);
    return buf.toString('utf8', 0, buf.length - tail);
  }

  /** Whatever is left when the stream ends (an invalid tail becomes U+FFFD). */
  end(): string {
    const rest = this.pending.toString('utf8');
    this.pending = Buffer.alloc(0);
    return rest;
  }
}
