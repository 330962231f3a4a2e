// The `forward . <upstream>` plugin: names that are not ours go to upstream
// servers, over the transport the asker used, each with a timeout; the next
// upstream is tried when one fails, and the caller answers SERVFAIL when all do.
import { createSocket } from 'node:dgram';
import { connect, isIPv6 } from 'node:net';
import { randomInt } from 'node:crypto';
import { DnsFormatError, decodeMessage, encodeMessage } from './codec';
import { lowerName } from './names';
import type { Message } from './types';
import type { Transport } from './response';

export interface Upstream {
  host: string;
  port: number;
}

/** "10.100.0.250", "10.100.0.250:5353", "fd00::1", "[fd00::1]:5353". */
export function parseUpstream(text: string): Upstream {
  const t = text.trim();
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(t);
  if (bracket) return checked({ host: bracket[1]!, port: bracket[2] ? Number(bracket[2]) : 53 }, text);
  if (isIPv6(t)) return { host: t, port: 53 };
  const m = /^([^:]+)(?::(\d+))?$/.exec(t);
  if (!m) throw new Error(`not an upstream address: "${text}" (expected IP or IP:PORT)`);
  return checked({ host: m[1]!, port: m[2] ? Number(m[2]) : 53 }, text);
}

function checked(u: Upstream, text: string): Upstream {
  if (!Number.isInteger(u.port) || u.port < 1 || u.port > 65535) throw new Error(`not an upstream address: "${text}" (port out of range)`);
  return u;
}

export interface Exchanged {
  message: Message;
  /** The reply exactly as received (its ID already the asker's). */
  bytes: Uint8Array;
}

/** One query to one upstream. Rejects on timeout, on a socket error or on an unreadable reply. */
export function exchange(upstream: Upstream, query: Message, transport: Transport, timeoutMs: number): Promise<Exchanged> {
  const id = randomInt(0, 0x10000);
  const wire = encodeMessage({ ...query, id }).bytes;
  const accept = (bytes: Uint8Array): Exchanged | null => {
    let message: Message;
    try {
      message = decodeMessage(bytes);
    } catch (err) {
      if (err instanceof DnsFormatError) return null;
      throw err;
    }
    const q = query.questions[0];
    const a = message.questions[0];
    // A reply to something else (a late answer, a spoof) is not ours.
    if (message.id !== id || !message.qr || !q || !a || lowerName(a.name) !== lowerName(q.name) || a.type !== q.type) return null;
    const copy = Uint8Array.from(bytes);
    copy[0] = query.id >> 8;
    copy[1] = query.id & 0xff;
    return { message: { ...message, id: query.id }, bytes: copy };
  };
  return transport === 'udp' ? exchangeUdp(upstream, wire, accept, timeoutMs) : exchangeTcp(upstream, wire, accept, timeoutMs);
}

function exchangeUdp(upstream: Upstream, wire: Uint8Array, accept: (b: Uint8Array) => Exchanged | null, timeoutMs: number): Promise<Exchanged> {
  return new Promise((resolve, reject) => {
    const socket = createSocket(isIPv6(upstream.host) ? 'udp6' : 'udp4');
    const timer = setTimeout(() => done(new Error(`upstream ${upstream.host}:${upstream.port} timed out`)), timeoutMs);
    let finished = false;
    function done(err: Error | null, value?: Exchanged): void {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.close();
      if (err) reject(err);
      else resolve(value!);
    }
    socket.on('error', (err) => done(err));
    // A connected socket hears only from the upstream it asked.
    socket.on('message', (msg) => {
      const got = accept(msg);
      if (got) done(null, got);
    });
    socket.connect(upstream.port, upstream.host, () => {
      socket.send(wire, (err) => {
        if (err) done(err);
      });
    });
  });
}

function exchangeTcp(upstream: Upstream, wire: Uint8Array, accept: (b: Uint8Array) => Exchanged | null, timeoutMs: number): Promise<Exchanged> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: upstream.host, port: upstream.port });
    const timer = setTimeout(() => done(new Error(`upstream ${upstream.host}:${upstream.port} timed out`)), timeoutMs);
    let finished = false;
    let buf = Buffer.alloc(0);
    function done(err: Error | null, value?: Exchanged): void {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(value!);
    }
    socket.on('error', (err) => done(err));
    socket.on('close', () => done(new Error(`upstream ${upstream.host}:${upstream.port} closed the connection`)));
    socket.on('connect', () => {
      const prefix = Buffer.alloc(2);
      prefix.writeUInt16BE(wire.length);
      socket.write(Buffer.concat([prefix, wire]));
    });
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const len = buf.readUInt16BE(0);
        const got = accept(buf.subarray(2, 2 + len));
        buf = buf.subarray(2 + len);
        if (got) return done(null, got);
      }
    });
  });
}

export interface ForwarderOptions {
  timeoutMs?: number;
  /** forward's `policy`: start at a random upstream (its default) or always at the first. */
  policy?: 'random' | 'sequential';
}

export class Forwarder {
  readonly upstreams: Upstream[];
  private readonly timeoutMs: number;
  private readonly policy: 'random' | 'sequential';

  constructor(upstreams: readonly (string | Upstream)[], options: ForwarderOptions = {}) {
    this.upstreams = upstreams.map((u) => (typeof u === 'string' ? parseUpstream(u) : u));
    this.timeoutMs = options.timeoutMs ?? 2000;
    this.policy = options.policy ?? 'random';
  }

  /** The first good reply, trying one upstream after another; null when all fail. */
  async forward(query: Message, transport: Transport): Promise<Exchanged | null> {
    const n = this.upstreams.length;
    if (n === 0) return null;
    const start = this.policy === 'random' ? randomInt(0, n) : 0;
    for (let i = 0; i < n; i++) {
      try {
        return await exchange(this.upstreams[(start + i) % n]!, query, transport, this.timeoutMs);
      } catch {
        // Try the next one.
      }
    }
    return null;
  }
}
