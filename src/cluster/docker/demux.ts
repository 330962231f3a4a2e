// Docker's multiplexed stream (exec, attach and logs without a TTY): each frame
// is an 8-byte header — stream type, three zero bytes, big-endian payload
// length — then the payload. Frames split across chunks in any way.

export type StreamType = 'stdin' | 'stdout' | 'stderr';

const TYPES: Record<number, StreamType> = { 0: 'stdin', 1: 'stdout', 2: 'stderr' };
const HEADER = 8;

export class Demuxer {
  private buffered: Buffer = Buffer.alloc(0);

  constructor(private readonly onFrame: (stream: StreamType, payload: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= HEADER) {
      const size = this.buffered.readUInt32BE(4);
      if (this.buffered.length < HEADER + size) break;
      const type = this.buffered[0]!;
      const payload = this.buffered.subarray(HEADER, HEADER + size);
      this.buffered = this.buffered.subarray(HEADER + size);
      // Type 3 is the daemon's own error text (systemerr); it belongs with stderr.
      if (size > 0) this.onFrame(TYPES[type] ?? 'stderr', payload);
    }
  }

  /** Bytes of an unfinished frame still waiting for the rest. */
  get pending(): number {
    return this.buffered.length;
  }
}

/** One frame, as Docker writes it (used by tests and fakes). */
export function muxFrame(stream: StreamType | 3, payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const header = Buffer.alloc(HEADER);
  header[0] = stream === 'stdin' ? 0 : stream === 'stdout' ? 1 : stream === 'stderr' ? 2 : 3;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}
