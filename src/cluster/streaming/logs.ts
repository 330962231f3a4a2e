// `kubectl logs` on the kubelet's side: PodLogOptions from the query, Docker's
// log stream as plain text, timestamps rewritten from Docker's fixed nine
// fraction digits to RFC 3339 with trimmed zeros (what the kubelet prints).
import { Transform, type TransformCallback } from 'node:stream';
import type { LogOptions } from '../docker/client';

export interface PodLogOptions {
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  limitBytes?: number;
}

const bool = (v: string | null) => v === 'true' || v === '1';

function int(v: string | null): number | undefined | null {
  if (v === null || v === '') return undefined;
  return /^-?\d+$/.test(v) ? Number(v) : null;
}

/** The kubelet's decoding and validation, with its (odd) JSON-in-text error bodies. */
export function parseLogOptions(query: URLSearchParams): PodLogOptions | { status: number; message: string } {
  const undecodable = { status: 400, message: '{"message": "Unable to decode query."}' };
  const invalid = { status: 422, message: '{"message": "Invalid request."}' };
  // "tail" is the old name of tailLines; "all" means no limit.
  const tail = query.get('tail');
  const tailLines = int(tail !== null ? (tail === 'all' ? null : tail) : query.get('tailLines'));
  const sinceSeconds = int(query.get('sinceSeconds'));
  const limitBytes = int(query.get('limitBytes'));
  if (tailLines === null || sinceSeconds === null || limitBytes === null) return undecodable;
  const sinceTime = query.get('sinceTime') ?? undefined;
  if (sinceTime !== undefined && !Number.isFinite(Date.parse(sinceTime))) return undecodable;
  if ((tailLines !== undefined && tailLines < 0) || (sinceSeconds !== undefined && sinceSeconds < 1) || (limitBytes !== undefined && limitBytes < 1)) return invalid;
  if (sinceSeconds !== undefined && sinceTime !== undefined) return invalid;
  return { follow: bool(query.get('follow')), previous: bool(query.get('previous')), timestamps: bool(query.get('timestamps')), tailLines, sinceSeconds, sinceTime, limitBytes };
}

export function dockerLogOptions(opts: PodLogOptions, now: number = Date.now()): LogOptions {
  let since: number | undefined;
  if (opts.sinceSeconds !== undefined) since = now / 1000 - opts.sinceSeconds;
  if (opts.sinceTime !== undefined) since = Date.parse(opts.sinceTime) / 1000;
  return { follow: opts.follow, tail: opts.tailLines, timestamps: opts.timestamps, since };
}

/** `2024-05-01T12:00:00.120000000Z` → `2024-05-01T12:00:00.12Z` (Go's RFC3339Nano). */
export function rfc3339Nano(dockerTimestamp: string): string {
  return dockerTimestamp.replace(/\.(\d+)Z$/, (_m, frac: string) => {
    const trimmed = frac.replace(/0+$/, '');
    return trimmed ? `.${trimmed}Z` : 'Z';
  });
}

// Docker's RFC3339NanoFixed timestamp and the space after it.
const STAMP_LENGTH = 31;
const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z) /;

/** Rewrites the timestamp at the start of every line, whatever way lines are cut into chunks. */
export class TimestampRewriter extends Transform {
  private atLineStart = true;
  /** The start of a line too short yet to tell whether it begins with a stamp. */
  private carry = '';

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const text = this.carry + chunk.toString('latin1');
    this.carry = '';
    const out: string[] = [];
    let i = 0;
    while (i < text.length) {
      if (this.atLineStart) {
        const head = text.slice(i, i + STAMP_LENGTH);
        if (head.length < STAMP_LENGTH && !head.includes('\n')) {
          this.carry = head;
          break;
        }
        this.atLineStart = false;
        const m = STAMP.exec(head);
        if (m) {
          out.push(`${rfc3339Nano(m[1]!)} `);
          i += STAMP_LENGTH;
          continue;
        }
      }
      const nl = text.indexOf('\n', i);
      const end = nl < 0 ? text.length : nl + 1;
      out.push(text.slice(i, end));
      i = end;
      if (nl >= 0) this.atLineStart = true;
    }
    done(null, Buffer.from(out.join(''), 'latin1'));
  }

  override _flush(done: TransformCallback): void {
    done(null, this.carry ? Buffer.from(this.carry, 'latin1') : undefined);
  }
}

/** Passes at most `limit` bytes, then ends (limitBytes). */
export class ByteLimit extends Transform {
  private left: number;

  constructor(limit: number) {
    super();
    this.left = limit;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.left <= 0) return done();
    const part = chunk.length > this.left ? chunk.subarray(0, this.left) : chunk;
    this.left -= part.length;
    this.push(part);
    if (this.left <= 0) this.push(null);
    done();
  }
}
