// The DNS wire format (RFC 1035, RFC 3596, RFC 2782, RFC 6891): pure functions
// from bytes to messages and back. Decoding throws only DnsFormatError, so a
// server can turn any malformed packet into FORMERR (or silence) and go on.
import { formatIpv4, formatIpv6, ipv4Bytes, ipv6Bytes } from './ip';
import { labelBytes, labelText, splitName } from './names';
import { RRType, type Edns, type Header, type Message, type Question, type RData, type ResourceRecord } from './types';

export class DnsFormatError extends Error {
  /** The questions read before the fault, echoed in a FORMERR reply as miekg/dns does. */
  questions: Question[] = [];
}

const HEADER_SIZE = 12;
const MAX_NAME_WIRE = 255;
const MAX_POINTER_HOPS = 128;
// A compression pointer has 14 bits of offset.
const MAX_POINTER_TARGET = 0x3fff;

// ---------------------------------------------------------------------------
// decoding

class Reader {
  constructor(
    readonly buf: Uint8Array,
    public off = 0,
  ) {}

  need(n: number): void {
    if (this.off + n > this.buf.length) throw new DnsFormatError(`message ends at byte ${this.buf.length}, needed ${this.off + n}`);
  }
  u8(): number {
    this.need(1);
    return this.buf[this.off++]!;
  }
  u16(): number {
    this.need(2);
    const v = (this.buf[this.off]! << 8) | this.buf[this.off + 1]!;
    this.off += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const b = this.buf;
    const v = b[this.off]! * 0x1000000 + ((b[this.off + 1]! << 16) | (b[this.off + 2]! << 8) | b[this.off + 3]!);
    this.off += 4;
    return v;
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    // A copy, and a plain Uint8Array even when the packet is a Node Buffer.
    const v = new Uint8Array(this.buf.subarray(this.off, this.off + n));
    this.off += n;
    return v;
  }

  /** A possibly compressed name; `this.off` ends after its first occurrence. */
  name(): string {
    const labels: string[] = [];
    let pos = this.off;
    let end = -1;
    let hops = 0;
    let wire = 1;
    for (;;) {
      if (pos >= this.buf.length) throw new DnsFormatError('name runs past the end of the message');
      const len = this.buf[pos]!;
      if ((len & 0xc0) === 0xc0) {
        if (pos + 1 >= this.buf.length) throw new DnsFormatError('truncated compression pointer');
        if (++hops > MAX_POINTER_HOPS) throw new DnsFormatError('compression pointer loop');
        if (end < 0) end = pos + 2;
        pos = ((len & 0x3f) << 8) | this.buf[pos + 1]!;
        continue;
      }
      if ((len & 0xc0) !== 0) throw new DnsFormatError(`unsupported label type 0x${(len & 0xc0).toString(16)}`);
      if (len === 0) {
        pos += 1;
        break;
      }
      if (pos + 1 + len > this.buf.length) throw new DnsFormatError('label runs past the end of the message');
      wire += len + 1;
      if (wire > MAX_NAME_WIRE) throw new DnsFormatError('name longer than 255 bytes');
      labels.push(labelText(this.buf.subarray(pos + 1, pos + 1 + len)));
      pos += 1 + len;
    }
    this.off = end >= 0 ? end : pos;
    return labels.join('.');
  }
}

/** The fixed header; throws DnsFormatError when there are fewer than 12 bytes. */
export function decodeHeader(buf: Uint8Array): Header {
  if (buf.length < HEADER_SIZE) throw new DnsFormatError(`a DNS header is 12 bytes, got ${buf.length}`);
  const r = new Reader(buf);
  const id = r.u16();
  const flags = r.u16();
  return {
    id,
    qr: (flags & 0x8000) !== 0,
    opcode: (flags >> 11) & 0xf,
    aa: (flags & 0x0400) !== 0,
    tc: (flags & 0x0200) !== 0,
    rd: (flags & 0x0100) !== 0,
    ra: (flags & 0x0080) !== 0,
    z: (flags & 0x0040) !== 0,
    ad: (flags & 0x0020) !== 0,
    cd: (flags & 0x0010) !== 0,
    rcode: flags & 0xf,
    qdcount: r.u16(),
    ancount: r.u16(),
    nscount: r.u16(),
    arcount: r.u16(),
  };
}

function decodeRData(r: Reader, type: number, rdlength: number): RData {
  const start = r.off;
  const end = start + rdlength;
  r.need(rdlength);
  let data: RData;
  switch (type) {
    case RRType.A:
      if (rdlength !== 4) throw new DnsFormatError(`A record with ${rdlength} bytes of data`);
      data = { kind: 'address', address: formatIpv4(r.bytes(4)) };
      break;
    case RRType.AAAA:
      if (rdlength !== 16) throw new DnsFormatError(`AAAA record with ${rdlength} bytes of data`);
      data = { kind: 'address', address: formatIpv6(r.bytes(16)) };
      break;
    case RRType.NS:
    case RRType.CNAME:
    case RRType.PTR:
    case RRType.MD:
    case RRType.MF:
    case RRType.MB:
    case RRType.MG:
    case RRType.MR:
    case RRType.DNAME:
      data = { kind: 'name', target: r.name() };
      break;
    case RRType.MX:
      data = { kind: 'mx', preference: r.u16(), exchange: r.name() };
      break;
    case RRType.SRV:
      data = { kind: 'srv', priority: r.u16(), weight: r.u16(), port: r.u16(), target: r.name() };
      break;
    case RRType.SOA:
      data = { kind: 'soa', mname: r.name(), rname: r.name(), serial: r.u32(), refresh: r.u32(), retry: r.u32(), expire: r.u32(), minimum: r.u32() };
      break;
    case RRType.TXT: {
      const texts: string[] = [];
      while (r.off < end) {
        const n = r.u8();
        if (r.off + n > end) throw new DnsFormatError('TXT string runs past its record');
        texts.push(Buffer.from(r.bytes(n)).toString('latin1'));
      }
      data = { kind: 'txt', texts };
      break;
    }
    default:
      data = { kind: 'raw', bytes: r.bytes(rdlength) };
  }
  if (r.off !== end) throw new DnsFormatError(`record of type ${type} does not fill its ${rdlength} bytes of data`);
  return data;
}

function decodeRecord(r: Reader): ResourceRecord & { rawTtl: number } {
  const name = r.name();
  const type = r.u16();
  const klass = r.u16();
  const ttl = r.u32();
  const rdlength = r.u16();
  // An empty RDATA is legal in dynamic updates (RFC 2136); keep it opaque.
  const data = rdlength === 0 && type !== RRType.TXT ? { kind: 'raw' as const, bytes: new Uint8Array(0) } : decodeRData(r, type, rdlength);
  return { name, type, class: klass, ttl, data, rawTtl: ttl };
}

function decodeOptions(bytes: Uint8Array): Edns['options'] {
  const r = new Reader(bytes);
  const options: Edns['options'] = [];
  while (r.off < bytes.length) {
    const code = r.u16();
    const len = r.u16();
    options.push({ code, data: r.bytes(len) });
  }
  return options;
}

/** A whole message. Throws DnsFormatError (with the questions read so far) on any fault. */
export function decodeMessage(buf: Uint8Array): Message {
  const h = decodeHeader(buf);
  const r = new Reader(buf, HEADER_SIZE);
  const questions: Question[] = [];
  try {
    for (let i = 0; i < h.qdcount; i++) questions.push({ name: r.name(), type: r.u16(), class: r.u16() });
    const section = (count: number) => {
      const out: (ResourceRecord & { rawTtl: number })[] = [];
      for (let i = 0; i < count; i++) out.push(decodeRecord(r));
      return out;
    };
    const answers = section(h.ancount);
    const authority = section(h.nscount);
    const additionalRaw = section(h.arcount);
    const msg: Message = {
      id: h.id,
      qr: h.qr,
      opcode: h.opcode,
      aa: h.aa,
      tc: h.tc,
      rd: h.rd,
      ra: h.ra,
      z: h.z,
      ad: h.ad,
      cd: h.cd,
      rcode: h.rcode,
      questions,
      answers: answers.map(strip),
      authority: authority.map(strip),
      additional: [],
    };
    // Like miekg/dns, the last OPT record wins (RFC 6891 says there is only one).
    for (const rr of additionalRaw) {
      if (rr.type !== RRType.OPT) {
        msg.additional.push(strip(rr));
        continue;
      }
      const bytes = rr.data.kind === 'raw' ? rr.data.bytes : new Uint8Array(0);
      msg.edns = {
        udpSize: rr.class,
        version: (rr.rawTtl >>> 16) & 0xff,
        dnssecOk: (rr.rawTtl & 0x8000) !== 0,
        options: decodeOptions(bytes),
      };
      msg.rcode = (((rr.rawTtl >>> 24) & 0xff) << 4) | h.rcode;
    }
    return msg;
  } catch (err) {
    if (err instanceof DnsFormatError) err.questions = questions;
    throw err;
  }
}

function strip(rr: ResourceRecord & { rawTtl: number }): ResourceRecord {
  return { name: rr.name, type: rr.type, class: rr.class, ttl: rr.ttl, data: rr.data };
}

// ---------------------------------------------------------------------------
// encoding

class Writer {
  buf = Buffer.alloc(512);
  len = 0;
  /** Suffix (as written, case kept) -> offset, for name compression. */
  names = new Map<string, number>();

  ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
  u8(v: number): void {
    this.ensure(1);
    this.buf[this.len++] = v & 0xff;
  }
  u16(v: number): void {
    this.ensure(2);
    this.buf.writeUInt16BE(v & 0xffff, this.len);
    this.len += 2;
  }
  u32(v: number): void {
    this.ensure(4);
    this.buf.writeUInt32BE(v >>> 0, this.len);
    this.len += 4;
  }
  bytes(b: Uint8Array | number[]): void {
    this.ensure(b.length);
    for (let i = 0; i < b.length; i++) this.buf[this.len + i] = b[i]!;
    this.len += b.length;
  }
  name(name: string, compress: boolean, added?: string[]): void {
    const labels = splitName(name);
    let wire = 1;
    for (let i = 0; i < labels.length; i++) {
      const suffix = labels.slice(i).join('.');
      const at = compress ? this.names.get(suffix) : undefined;
      if (at !== undefined) {
        this.u16(0xc000 | at);
        return;
      }
      if (compress && this.len <= MAX_POINTER_TARGET) {
        this.names.set(suffix, this.len);
        added?.push(suffix);
      }
      const bytes = labelBytes(labels[i]!);
      if (bytes.length === 0 || bytes.length > 63) throw new Error(`cannot encode the name "${name}": label of ${bytes.length} bytes`);
      wire += bytes.length + 1;
      if (wire > MAX_NAME_WIRE) throw new Error(`cannot encode the name "${name}": longer than 255 bytes`);
      this.u8(bytes.length);
      this.bytes(bytes);
    }
    this.u8(0);
  }
}

function addressBytes(type: number, address: string): Uint8Array {
  const bytes = type === RRType.A ? ipv4Bytes(address) : ipv6Bytes(address);
  if (!bytes) throw new Error(`cannot encode "${address}" as ${type === RRType.A ? 'A' : 'AAAA'}`);
  return bytes;
}

function textBytes(text: string): Buffer {
  // latin1 keeps decoded bytes exact; wider characters can only have come from UTF-8 text.
  return /^[\u0000-\u00ff]*$/.test(text) ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8');
}

function writeRData(w: Writer, rr: ResourceRecord, added: string[]): void {
  const d = rr.data;
  switch (d.kind) {
    case 'address':
      if (rr.type !== RRType.A && rr.type !== RRType.AAAA) throw new Error(`address data on a record of type ${rr.type}`);
      w.bytes(addressBytes(rr.type, d.address));
      return;
    case 'name':
      // RFC 3597 §4: only the original RFC 1035 types may be compressed.
      w.name(d.target, rr.type === RRType.NS || rr.type === RRType.CNAME || rr.type === RRType.PTR, added);
      return;
    case 'mx':
      w.u16(d.preference);
      w.name(d.exchange, true, added);
      return;
    case 'srv':
      w.u16(d.priority);
      w.u16(d.weight);
      w.u16(d.port);
      w.name(d.target, false);
      return;
    case 'soa':
      w.name(d.mname, true, added);
      w.name(d.rname, true, added);
      w.u32(d.serial);
      w.u32(d.refresh);
      w.u32(d.retry);
      w.u32(d.expire);
      w.u32(d.minimum);
      return;
    case 'txt':
      for (const t of d.texts.length > 0 ? d.texts : ['']) {
        let b = textBytes(t);
        do {
          const chunk = b.subarray(0, 255);
          w.u8(chunk.length);
          w.bytes(chunk);
          b = b.subarray(255);
        } while (b.length > 0);
      }
      return;
    case 'raw':
      w.bytes(d.bytes);
      return;
  }
}

function writeRecord(w: Writer, rr: ResourceRecord, added: string[]): void {
  w.name(rr.name, true, added);
  w.u16(rr.type);
  w.u16(rr.class);
  w.u32(rr.ttl);
  const lenAt = w.len;
  w.u16(0);
  writeRData(w, rr, added);
  w.buf.writeUInt16BE(w.len - lenAt - 2, lenAt);
}

function optSize(edns: Edns): number {
  return 11 + edns.options.reduce((n, o) => n + 4 + o.data.length, 0);
}

// Types whose data may hold a compressed name (RFC 3597 §4) that this codec
// keeps as opaque bytes: re-encoding them elsewhere in a message would break
// the pointers, so a message holding one is passed on as received.
const OPAQUE_NAME_TYPES = new Set([14, 17, 18, 21, 24, 26, 30, 35]);

/** True when `msg` can be re-encoded without corrupting any record. */
export function reencodable(msg: Message): boolean {
  return [msg.answers, msg.authority, msg.additional].every((rrs) => rrs.every((rr) => rr.data.kind !== 'raw' || !OPAQUE_NAME_TYPES.has(rr.type) || rr.data.bytes.length === 0));
}

export interface Encoded {
  bytes: Uint8Array;
  /** True when answer or authority records had to be left out (the TC bit is then set). */
  truncated: boolean;
}

/**
 * Encodes `msg` with name compression. With `maxSize`, records that do not fit
 * are left out as miekg/dns's Truncate does: the OPT record is always kept, an
 * additional record is dropped silently, a dropped answer or authority record
 * sets TC.
 */
export function encodeMessage(msg: Message, maxSize = Infinity): Encoded {
  const w = new Writer();
  w.len = HEADER_SIZE;
  for (const q of msg.questions) {
    w.name(q.name, true);
    w.u16(q.type);
    w.u16(q.class);
  }
  const reserve = msg.edns ? optSize(msg.edns) : 0;
  const sections = [msg.answers, msg.authority, msg.additional];
  const counts = [0, 0, 0];
  let truncated = false;
  let full = false;
  for (let s = 0; s < 3 && !full; s++) {
    for (const rr of sections[s]!) {
      const mark = w.len;
      const added: string[] = [];
      writeRecord(w, rr, added);
      if (w.len + reserve > maxSize) {
        w.len = mark;
        for (const k of added) w.names.delete(k);
        if (s < 2) truncated = true;
        full = true;
        break;
      }
      counts[s]!++;
    }
  }
  let arcount = counts[2]!;
  if (msg.edns) {
    const e = msg.edns;
    w.u8(0);
    w.u16(RRType.OPT);
    w.u16(e.udpSize);
    w.u32((((msg.rcode >> 4) & 0xff) << 24) | ((e.version & 0xff) << 16) | (e.dnssecOk ? 0x8000 : 0));
    w.u16(e.options.reduce((n, o) => n + 4 + o.data.length, 0));
    for (const o of e.options) {
      w.u16(o.code);
      w.u16(o.data.length);
      w.bytes(o.data);
    }
    arcount++;
  }
  const tc = msg.tc || truncated;
  const flags =
    (msg.qr ? 0x8000 : 0) |
    ((msg.opcode & 0xf) << 11) |
    (msg.aa ? 0x0400 : 0) |
    (tc ? 0x0200 : 0) |
    (msg.rd ? 0x0100 : 0) |
    (msg.ra ? 0x0080 : 0) |
    (msg.z ? 0x0040 : 0) |
    (msg.ad ? 0x0020 : 0) |
    (msg.cd ? 0x0010 : 0) |
    (msg.rcode & 0xf);
  w.buf.writeUInt16BE(msg.id & 0xffff, 0);
  w.buf.writeUInt16BE(flags, 2);
  w.buf.writeUInt16BE(msg.questions.length, 4);
  w.buf.writeUInt16BE(counts[0]!, 6);
  w.buf.writeUInt16BE(counts[1]!, 8);
  w.buf.writeUInt16BE(arcount, 10);
  return { bytes: new Uint8Array(w.buf.buffer, w.buf.byteOffset, w.len).slice(), truncated };
}
