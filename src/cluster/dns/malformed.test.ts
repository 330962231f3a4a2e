// Malformed DNS messages sent to the cluster DNS server over real sockets, UDP and
// TCP: each is answered as CoreDNS (miekg/dns) answers it — FORMERR with the ID
// echoed, or silence when there is not even a header to answer to — and the server
// keeps answering valid queries afterwards, on the same TCP connection where
// miekg/dns keeps it open. (The decoder's own refusals are in codec.test.ts.)
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from './codec';
import { labCluster } from './fixtures';
import { createDnsServer, type DnsServer } from './server';
import { DnsObjectSource } from './source';
import { Rcode, RRClass, RRType, emptyMessage, type Message } from './types';
import { udpExchange } from './udp-exchange';

const HOST = '127.0.0.1';
const VALID_NAME = 'webui.default.svc.cluster.local';

let server: DnsServer;
let port: number;
const errors: unknown[] = [];

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
/** A query header: ID 0xbeef, RD, then the four counts. */
const header = (qd: number, an = 0, ns = 0, ar = 0) => hex(`beef 0100 ${[qd, an, ns, ar].map((n) => n.toString(16).padStart(4, '0')).join('')}`);
const question = (name: Buffer) => Buffer.concat([name, hex('0001 0001')]);
const label = (s: string) => Buffer.concat([Buffer.from([s.length]), Buffer.from(s)]);

function validQuery(id: number): Buffer {
  const m: Message = { ...emptyMessage(id), rd: true, questions: [{ name: VALID_NAME, type: RRType.A, class: RRClass.IN }] };
  return Buffer.from(encodeMessage(m).bytes);
}

type Expect = 'formerr' | 'silence';

/** What miekg/dns does with each: unpackMsgHdr fails → silence; MsgAcceptFunc rejects or unpack fails → FORMERR. */
const CASES: [string, Buffer, Expect][] = [
  ['an empty message', Buffer.alloc(0), 'silence'],
  ['a header cut after 5 bytes', hex('beef010000'), 'silence'],
  ['a header cut after 11 bytes', header(1).subarray(0, 11), 'silence'],
  ['a header alone, promising a question', header(1), 'formerr'],
  ['a header promising no question', Buffer.concat([header(0), question(Buffer.concat([label('a'), hex('00')]))]), 'formerr'],
  ['a question count of 65535', Buffer.concat([header(0xffff), question(Buffer.concat([label('a'), hex('00')]))]), 'formerr'],
  ['five answers promised in a query', Buffer.concat([header(1, 5), question(Buffer.concat([label('a'), hex('00')]))]), 'formerr'],
  ['two authority records promised', Buffer.concat([header(1, 0, 2), question(Buffer.concat([label('a'), hex('00')]))]), 'formerr'],
  ['three additional records promised, none there', Buffer.concat([header(1, 0, 0, 3), question(Buffer.concat([label('a'), hex('00')]))]), 'formerr'],
  ['one additional record promised, none there', Buffer.concat([header(1, 0, 0, 1), question(Buffer.concat([label('a'), hex('00')]))]), 'formerr'],
  ['a compression pointer to itself', Buffer.concat([header(1), hex('c00c 0001 0001')]), 'formerr'],
  ['two compression pointers pointing at each other', Buffer.concat([header(1), hex('c00e c00c 0001 0001')]), 'formerr'],
  ['a label, then a pointer back into the same name (a loop)', Buffer.concat([header(1), label('loop'), hex('c00c 0001 0001')]), 'formerr'],
  ['a compression pointer past the end', Buffer.concat([header(1), hex('cfff 0001 0001')]), 'formerr'],
  ['a label of 64 bytes (the 0x40 extended label type)', Buffer.concat([header(1), question(Buffer.concat([Buffer.from([64]), Buffer.alloc(64, 0x61), hex('00')]))]), 'formerr'],
  ['a label length byte of 0x80 (reserved)', Buffer.concat([header(1), question(hex('80 61 00'))]), 'formerr'],
  ['a name of 320 bytes (over 255)', Buffer.concat([header(1), question(Buffer.concat([...Array.from({ length: 5 }, () => Buffer.concat([Buffer.from([63]), Buffer.alloc(63, 0x61)])), hex('00')]))]), 'formerr'],
  ['a label longer than the message', Buffer.concat([header(1), hex('3f 616263')]), 'formerr'],
  ['a name without its terminating zero', Buffer.concat([header(1), label('abc')]), 'formerr'],
  ['a question without type and class', Buffer.concat([header(1), label('a'), hex('00')]), 'formerr'],
  ['a question cut inside its class', Buffer.concat([header(1), label('a'), hex('00 0001 00')]), 'formerr'],
  ['an OPT record whose data runs past the end', Buffer.concat([header(1, 0, 0, 1), question(Buffer.concat([label('a'), hex('00')])), hex('00 0029 1000 00000000 0010 000a')]), 'formerr'],
  ['a response (QR set) sent to the server', hex('beef 8100 0001 0000 0000 0000 0161 00 0001 0001'), 'silence'],
];
/** The table as the test titles want it: name and outcome, the bytes last. */
const TITLED = CASES.map(([name, bytes, expected]) => [name, expected, bytes] as const);

function expectFormerr(bytes: Buffer | null, what: string): void {
  expect(bytes, what).not.toBeNull();
  const m = decodeMessage(bytes!);
  expect(m.id, what).toBe(0xbeef);
  expect(m.qr, what).toBe(true);
  expect(m.rcode, what).toBe(Rcode.FORMERR);
  expect(m.answers, what).toEqual([]);
}

function udp(packet: Uint8Array, waitMs = 300): Promise<Buffer | null> {
  return udpExchange(port, packet, waitMs, HOST);
}

function framed(bytes: Uint8Array, length = bytes.length): Buffer {
  const prefix = Buffer.alloc(2);
  prefix.writeUInt16BE(length);
  return Buffer.concat([prefix, bytes]);
}

/** A TCP connection that splits the reply stream into messages. */
class TcpClient {
  readonly replies: Buffer[] = [];
  closed = false;
  private buf = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  readonly socket: Socket;
  readonly ready: Promise<void>;

  constructor() {
    this.socket = connect(port, HOST);
    this.ready = new Promise((r) => this.socket.once('connect', () => r()));
    this.socket.on('data', (chunk: Buffer) => {
      this.buf = Buffer.concat([this.buf, chunk]);
      while (this.buf.length >= 2 && this.buf.length >= 2 + this.buf.readUInt16BE(0)) {
        this.replies.push(this.buf.subarray(2, 2 + this.buf.readUInt16BE(0)));
        this.buf = this.buf.subarray(2 + this.buf.readUInt16BE(0));
      }
      this.wake();
    });
    this.socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    this.socket.on('error', () => undefined);
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Waits until `n` replies arrived, the server closed, or `ms` passed. */
  async until(n: number, ms = 1000): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.replies.length < n && !this.closed && Date.now() < deadline) {
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, Math.max(1, deadline - Date.now()));
      });
    }
  }

  write(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  destroy(): void {
    this.socket.destroy();
  }
}

async function answersValidQueries(): Promise<void> {
  const got = await udp(validQuery(0x1234), 2000);
  expect(got).not.toBeNull();
  const m = decodeMessage(got!);
  expect(m.rcode).toBe(Rcode.NOERROR);
  expect(m.answers[0]?.data).toEqual({ kind: 'address', address: '10.100.100.100' });
  const c = new TcpClient();
  await c.ready;
  c.write(framed(validQuery(0x4321)));
  await c.until(1, 2000);
  c.destroy();
  expect(c.replies.map((r) => decodeMessage(r).id)).toEqual([0x4321]);
}

beforeAll(async () => {
  server = createDnsServer({ host: HOST, port: 0, source: new DnsObjectSource(labCluster(), () => 1_700_000_000), loadbalance: false, tcpIdleTimeoutMs: 300, onError: (err) => errors.push(err) });
  ({ port } = await server.listen());
});

afterAll(async () => {
  await server?.close();
});

describe('malformed messages over UDP', () => {
  it.each(TITLED)('%s: %s', async (name, expected, bytes) => {
    const reply = await udp(bytes);
    if (expected === 'silence') expect(reply, name).toBeNull();
    else expectFormerr(reply, name);
  });

  it('keeps answering after all of them, with no internal fault reported', async () => {
    await answersValidQueries();
    expect(errors).toEqual([]);
  });
});

describe('malformed messages over TCP', () => {
  it.each(TITLED.filter(([, e]) => e === 'formerr'))('%s: FORMERR, then the connection is closed', async (name, _, bytes) => {
    const c = new TcpClient();
    await c.ready;
    c.write(Buffer.concat([framed(bytes), framed(validQuery(7))]));
    await c.until(2);
    expect(c.replies, name).toHaveLength(1);
    expectFormerr(c.replies[0]!, name);
    expect(c.closed, name).toBe(true);
  });

  it.each(TITLED.filter(([, e]) => e === 'silence'))('%s: no answer, and the next query on the connection is answered', async (name, _, bytes) => {
    const c = new TcpClient();
    await c.ready;
    c.write(Buffer.concat([framed(bytes), framed(validQuery(7))]));
    await c.until(1);
    c.destroy();
    expect(c.replies.map((r) => decodeMessage(r).id), name).toEqual([7]);
  });

  it('closes a connection whose length prefix promises more than ever comes', async () => {
    const c = new TcpClient();
    await c.ready;
    c.write(framed(validQuery(9), 4000));
    await c.until(1, 2000);
    expect(c.replies).toEqual([]);
    expect(c.closed).toBe(true); // after tcpIdleTimeoutMs
  });

  it('survives a client that vanishes in the middle of a message', async () => {
    const c = new TcpClient();
    await c.ready;
    c.write(framed(validQuery(10)).subarray(0, 9));
    c.destroy();
    await new Promise((r) => setTimeout(r, 50));
    await answersValidQueries();
  });

  it('survives a megabyte of random bytes on one connection (seeded)', async () => {
    let seed = 1234;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed >>> 16;
    };
    const c = new TcpClient();
    await c.ready;
    c.write(Buffer.from(Array.from({ length: 1 << 20 }, () => rand() & 0xff)));
    await c.until(1_000_000, 500);
    c.destroy();
    // Whatever it made of the noise, each reply it sent is a well-formed message.
    for (const r of c.replies) expect(() => decodeMessage(r)).not.toThrow();
    await answersValidQueries();
    expect(errors).toEqual([]);
  });
});
