import { createSocket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import { connect, createServer, type Server as TcpServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from './codec';
import { labCluster, service, slice } from './fixtures';
import { createDnsServer, type DnsServer } from './server';
import { DnsObjectSource } from './source';
import { Rcode, RRClass, RRType, emptyMessage, type Message, type ResourceRecord } from './types';
import { udpExchange } from './udp-exchange';

const SERIAL = 1_700_000_000;
const HOST = '127.0.0.1';

// --- a stand-in for the cloud host's dnsmasq -------------------------------------

interface FakeUpstream {
  port: number;
  udpQueries: string[];
  tcpQueries: string[];
  close(): Promise<void>;
}

function upstreamReply(req: Message): Message {
  const q = req.questions[0]!;
  const m: Message = { ...emptyMessage(req.id), qr: true, rd: req.rd, ra: true, questions: [q] };
  const rr = (data: ResourceRecord['data'], type = q.type, ttl = 300): ResourceRecord => ({ name: q.name, type, class: RRClass.IN, ttl, data });
  const name = q.name.toLowerCase();
  if (name === 'www.example.com' && q.type === RRType.A) m.answers = [rr({ kind: 'address', address: '93.184.216.34' })];
  else if (name === 'www.example.com' && q.type === RRType.AAAA) m.answers = [rr({ kind: 'address', address: '2606:2800:220:1::1' })];
  else if (name === '9.9.9.10.in-addr.arpa' && q.type === RRType.PTR) m.answers = [rr({ kind: 'name', target: 'nine.example' })];
  else if (name === 'short.example' && q.type === RRType.A) m.answers = [rr({ kind: 'address', address: '192.0.2.1' }, RRType.A, 2)];
  else {
    m.rcode = Rcode.NXDOMAIN;
    m.authority = [rr({ kind: 'soa', mname: 'ns.example', rname: 'admin.example', serial: 1, refresh: 1, retry: 1, expire: 1, minimum: 60 }, RRType.SOA, 3600)];
  }
  return m;
}

async function startFakeUpstream(): Promise<FakeUpstream> {
  const udpQueries: string[] = [];
  const tcpQueries: string[] = [];
  const udp = createSocket('udp4');
  udp.on('message', (packet, rinfo) => {
    const req = decodeMessage(packet);
    udpQueries.push(req.questions[0]!.name);
    udp.send(encodeMessage(upstreamReply(req)).bytes, rinfo.port, rinfo.address);
  });
  await new Promise<void>((r) => udp.bind(0, HOST, r));
  const port = udp.address().port;
  const tcp: TcpServer = createServer((conn) => {
    let buf = Buffer.alloc(0);
    conn.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const req = decodeMessage(buf.subarray(2, 2 + buf.readUInt16BE(0)));
        buf = buf.subarray(2 + buf.readUInt16BE(0));
        tcpQueries.push(req.questions[0]!.name);
        const out = encodeMessage(upstreamReply(req)).bytes;
        const prefix = Buffer.alloc(2);
        prefix.writeUInt16BE(out.length);
        conn.write(Buffer.concat([prefix, out]));
      }
    });
    conn.on('error', () => {});
  });
  await new Promise<void>((r) => tcp.listen(port, HOST, r));
  return {
    port,
    udpQueries,
    tcpQueries,
    close: () => Promise.all([new Promise<void>((r) => udp.close(() => r())), new Promise<void>((r) => tcp.close(() => r()))]).then(() => {}),
  };
}

// --- raw clients -------------------------------------------------------------

function query(name: string, type: number, patch: Partial<Message> = {}): Message {
  return { ...emptyMessage(0x4242), rd: true, questions: [{ name, type, class: RRClass.IN }], ...patch };
}

async function udpAsk(port: number, msg: Message): Promise<Message> {
  const got = await udpExchange(port, encodeMessage(msg).bytes);
  if (!got) throw new Error('no reply');
  return decodeMessage(got);
}

/** Sends `chunks` over one TCP connection and collects replies until `count` arrived or the server closed. */
function tcpExchange(port: number, chunks: Uint8Array[], count: number): Promise<{ replies: Buffer[]; closedByServer: boolean }> {
  return new Promise((resolve, reject) => {
    const replies: Buffer[] = [];
    let buf = Buffer.alloc(0);
    const c = connect(port, HOST, async () => {
      for (const chunk of chunks) {
        c.write(chunk);
        await new Promise((r) => setTimeout(r, 5));
      }
    });
    const timer = setTimeout(() => {
      c.destroy();
      reject(new Error(`only ${replies.length} of ${count} replies`));
    }, 3000);
    c.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        replies.push(buf.subarray(2, 2 + buf.readUInt16BE(0)));
        buf = buf.subarray(2 + buf.readUInt16BE(0));
      }
      if (replies.length === count) {
        clearTimeout(timer);
        c.destroy();
        resolve({ replies, closedByServer: false });
      }
    });
    c.on('end', () => {
      clearTimeout(timer);
      resolve({ replies, closedByServer: true });
    });
    c.on('error', reject);
  });
}

function framed(msg: Message | Uint8Array): Buffer {
  const bytes = msg instanceof Uint8Array ? msg : encodeMessage(msg).bytes;
  const prefix = Buffer.alloc(2);
  prefix.writeUInt16BE(bytes.length);
  return Buffer.concat([prefix, bytes]);
}

// --- the server under test -------------------------------------------------------

const bigHeadless = () => [
  service('default', 'big', { clusterIP: 'None', ports: [{ name: 'web', port: 80 }] }),
  slice('default', 'big', 'big-1', Array.from({ length: 150 }, (_, i) => ({ ip: `10.244.${100 + (i >> 8)}.${(i & 255) + 1}` })), [{ name: 'web', protocol: 'TCP', port: 80 }]),
];

let upstream: FakeUpstream;
let source: DnsObjectSource;
let server: DnsServer;
let port: number;
let clock = 1_000_000;
const errors: unknown[] = [];

function resolver(): Resolver {
  const r = new Resolver({ timeout: 2000, tries: 1 });
  r.setServers([`${HOST}:${port}`]);
  return r;
}

beforeAll(async () => {
  upstream = await startFakeUpstream();
  source = new DnsObjectSource([...labCluster(), ...bigHeadless()], () => SERIAL);
  server = createDnsServer({
    host: HOST,
    port: 0,
    source,
    upstreams: [`${HOST}:${upstream.port}`],
    zone: { localIPs: ['10.244.0.2'] },
    loadbalance: false,
    cache: { now: () => clock },
    onError: (err) => errors.push(err),
  });
  ({ port } = await server.listen());
});

afterAll(async () => {
  await server?.close();
  await upstream?.close();
});

describe('answers through Node’s own resolver (c-ares) over UDP', () => {
  it('a ClusterIP service, with TTL 30', async () => {
    expect(await resolver().resolve4('webui.default.svc.cluster.local', { ttl: true })).toEqual([{ address: '10.100.100.100', ttl: 30 }]);
  });

  it('every ready endpoint of a headless service', async () => {
    expect((await resolver().resolve4('nginx-headless.default.svc.cluster.local')).sort()).toEqual(['10.244.1.5', '10.244.1.8', '10.244.2.6']);
    expect(await resolver().resolve4('web-0.nginx-headless.default.svc.cluster.local')).toEqual(['10.244.1.5']);
  });

  it('NXDOMAIN and NODATA as the resolver’s ENOTFOUND and ENODATA', async () => {
    await expect(resolver().resolve4('nope.default.svc.cluster.local')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(resolver().resolve4('empty-headless.default.svc.cluster.local')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(resolver().resolve6('webui.default.svc.cluster.local')).rejects.toMatchObject({ code: 'ENODATA' });
  });

  it('SRV for a named port', async () => {
    expect(await resolver().resolveSrv('_http._tcp.webui.default.svc.cluster.local')).toEqual([{ name: 'webui.default.svc.cluster.local', port: 80, priority: 0, weight: 100 }]);
  });

  it('TXT dns-version, the SOA and NS of the zone', async () => {
    const r = resolver();
    expect(await r.resolveTxt('dns-version.cluster.local')).toEqual([['1.1.0']]);
    expect(await r.resolveSoa('cluster.local')).toEqual({
      nsname: 'ns.dns.cluster.local',
      hostmaster: 'hostmaster.cluster.local',
      serial: SERIAL,
      refresh: 7200,
      retry: 1800,
      expire: 86400,
      minttl: 30,
    });
    expect(await r.resolveNs('cluster.local')).toEqual(['ns.dns.cluster.local']);
  });

  it('PTR for a cluster IP and for an endpoint; unknown addresses go upstream', async () => {
    const r = resolver();
    expect(await r.reverse('10.100.100.100')).toEqual(['webui.default.svc.cluster.local']);
    expect(await r.reverse('10.244.1.5')).toEqual(['web-0.nginx-headless.default.svc.cluster.local']);
    expect(await r.reverse('10.9.9.9')).toEqual(['nine.example']);
  });

  it('ExternalName: the CNAME, and the target’s address resolved upstream in the same answer', async () => {
    const r = resolver();
    expect(await r.resolveCname('external.default.svc.cluster.local')).toEqual(['www.example.com']);
    expect(await r.resolve4('external.default.svc.cluster.local')).toEqual(['93.184.216.34']);
    expect(await r.resolve6('external.default.svc.cluster.local')).toEqual(['2606:2800:220:1::1']);
  });

  it('forwards other names upstream, and says ENOTFOUND for what the upstream does not know', async () => {
    expect(await resolver().resolve4('www.example.com')).toEqual(['93.184.216.34']);
    await expect(resolver().resolve4('nowhere.example')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('retries a truncated answer over TCP and gets all 150 endpoints', async () => {
    // c-ares asks without EDNS: 150 addresses cannot fit in 512 bytes, so all of them means TCP.
    const addrs = await resolver().resolve4('big.default.svc.cluster.local');
    expect(addrs).toHaveLength(150);
  });

  it('follows updates to the objects at once', async () => {
    const r = resolver();
    const extra = service('default', 'late', { clusterIP: '10.96.7.7', ports: [{ name: 'http', port: 80 }] });
    await expect(r.resolve4('late.default.svc.cluster.local')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    source.apply('ADDED', extra);
    expect(await r.resolve4('late.default.svc.cluster.local')).toEqual(['10.96.7.7']);
    source.apply('DELETED', extra);
    await expect(r.resolve4('late.default.svc.cluster.local')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});

describe('raw replies', () => {
  it('NODATA: NOERROR, aa, no answer, the SOA in authority', async () => {
    const m = await udpAsk(port, query('webui.default.svc.cluster.local', RRType.AAAA));
    expect(m).toMatchObject({ id: 0x4242, qr: true, aa: true, rd: true, ra: false, tc: false, rcode: Rcode.NOERROR, answers: [] });
    expect(m.authority).toEqual([
      {
        name: 'cluster.local',
        type: RRType.SOA,
        class: RRClass.IN,
        ttl: 30,
        data: { kind: 'soa', mname: 'ns.dns.cluster.local', rname: 'hostmaster.cluster.local', serial: SERIAL, refresh: 7200, retry: 1800, expire: 86400, minimum: 30 },
      },
    ]);
    expect(m.edns).toBeUndefined();
  });

  it('NXDOMAIN: aa and the SOA; the question comes back as asked', async () => {
    const m = await udpAsk(port, query('Nope.Default.SVC.cluster.local', RRType.A));
    expect(m).toMatchObject({ rcode: Rcode.NXDOMAIN, aa: true, ra: false, answers: [] });
    expect(m.questions).toEqual([{ name: 'Nope.Default.SVC.cluster.local', type: RRType.A, class: RRClass.IN }]);
    expect(m.authority[0]!.type).toBe(RRType.SOA);
  });

  it('forwarded answers are not authoritative and carry the upstream’s RA, with TTLs capped at 30', async () => {
    const m = await udpAsk(port, query('www.example.com', RRType.A));
    expect(m).toMatchObject({ rcode: Rcode.NOERROR, aa: false, ra: true });
    expect(m.answers.map((rr) => rr.ttl)).toEqual([30]);
  });

  it('echo the asker’s EDNS buffer size and DO bit', async () => {
    const m = await udpAsk(port, query('webui.default.svc.cluster.local', RRType.A, { edns: { udpSize: 1232, version: 0, dnssecOk: true, options: [{ code: 10, data: new Uint8Array(8) }] } }));
    expect(m.edns).toEqual({ udpSize: 1232, version: 0, dnssecOk: true, options: [] });
  });

  it('truncate at 512 bytes without EDNS, and at the advertised size with it', async () => {
    const plain = await udpExchange(port, encodeMessage(query('big.default.svc.cluster.local', RRType.A)).bytes);
    expect(plain!.length).toBeLessThanOrEqual(512);
    const m = decodeMessage(plain!);
    expect(m.tc).toBe(true);
    expect(m.answers.length).toBeGreaterThan(0);
    expect(m.answers.length).toBeLessThan(150);

    const edns = await udpExchange(port, encodeMessage(query('big.default.svc.cluster.local', RRType.A, { edns: { udpSize: 4096, version: 0, dnssecOk: false, options: [] } })).bytes);
    const big = decodeMessage(edns!);
    expect(big.tc).toBe(false);
    expect(big.answers).toHaveLength(150);
    expect(edns!.length).toBeGreaterThan(512);
  });

  it('FORMERR for more than one question, with the ID echoed and no question', async () => {
    const msg = query('a.example', RRType.A);
    msg.questions.push({ name: 'b.example', type: RRType.A, class: RRClass.IN });
    const m = await udpAsk(port, msg);
    expect(m).toMatchObject({ id: 0x4242, qr: true, aa: false, rcode: Rcode.FORMERR, questions: [] });
  });

  it('FORMERR for a packet whose body cannot be read', async () => {
    const bytes = Buffer.from('beef01000001000000000000' + '3f6162', 'hex');
    const m = decodeMessage((await udpExchange(port, bytes))!);
    expect(m).toMatchObject({ id: 0xbeef, qr: true, rd: true, rcode: Rcode.FORMERR });
  });

  it('NOTIMP, opcode kept, for an UPDATE', async () => {
    const m = await udpAsk(port, query('cluster.local', RRType.SOA, { opcode: 5 }));
    expect(m).toMatchObject({ rcode: Rcode.NOTIMP, opcode: 5, qr: true });
  });

  it('BADVERS for EDNS version 1', async () => {
    const m = await udpAsk(port, query('webui.default.svc.cluster.local', RRType.A, { edns: { udpSize: 1232, version: 1, dnssecOk: false, options: [] } }));
    expect(m.rcode).toBe(Rcode.BADVERS);
    expect(m.edns?.version).toBe(0);
  });

  it('silence for a runt packet and for a response', async () => {
    expect(await udpExchange(port, Uint8Array.from([1, 2, 3]), 300)).toBeNull();
    const response = encodeMessage(query('webui.default.svc.cluster.local', RRType.A, { qr: true })).bytes;
    expect(await udpExchange(port, response, 300)).toBeNull();
  });

  it('survives a storm of garbage and answers the next query', async () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };
    const s = createSocket('udp4');
    const valid = encodeMessage(query('webui.default.svc.cluster.local', RRType.A)).bytes;
    for (let i = 0; i < 1000; i++) {
      const bytes = Uint8Array.from(i % 2 ? valid : Array.from({ length: Math.floor(rand() * 60) }, () => 0));
      for (let k = 0; k < bytes.length; k++) if (rand() < 0.2) bytes[k] = Math.floor(rand() * 256);
      s.send(bytes, port, HOST);
    }
    await new Promise((r) => setTimeout(r, 200));
    s.close();
    expect(errors).toEqual([]);
    expect(await resolver().resolve4('webui.default.svc.cluster.local')).toEqual(['10.100.100.100']);
  });
});

describe('TCP', () => {
  it('answers several queries on one connection, in order, however the bytes arrive', async () => {
    const a = framed(query('webui.default.svc.cluster.local', RRType.A, { id: 1 }));
    const b = framed(query('_http._tcp.webui.default.svc.cluster.local', RRType.SRV, { id: 2 }));
    const c = framed(query('nope.default.svc.cluster.local', RRType.A, { id: 3 }));
    const all = Buffer.concat([a, b, c]);
    // One write for the first two and a bit, then the rest byte by byte.
    const cut = a.length + b.length + 5;
    const chunks = [all.subarray(0, cut), ...Array.from(all.subarray(cut), (x) => Uint8Array.of(x))];
    const { replies } = await tcpExchange(port, chunks, 3);
    const msgs = replies.map((r) => decodeMessage(r));
    expect(msgs.map((m) => m.id)).toEqual([1, 2, 3]);
    expect(msgs[0]!.answers[0]!.data).toEqual({ kind: 'address', address: '10.100.100.100' });
    expect(msgs[1]!.answers[0]!.type).toBe(RRType.SRV);
    expect(msgs[2]!.rcode).toBe(Rcode.NXDOMAIN);
  });

  it('does not truncate what fits in 64 KiB', async () => {
    const { replies } = await tcpExchange(port, [framed(query('big.default.svc.cluster.local', RRType.A))], 1);
    const m = decodeMessage(replies[0]!);
    expect(m.tc).toBe(false);
    expect(m.answers).toHaveLength(150);
  });

  it('closes the connection after a FORMERR', async () => {
    const msg = query('a.example', RRType.A);
    msg.questions.push({ name: 'b.example', type: RRType.A, class: RRClass.IN });
    const { replies, closedByServer } = await tcpExchange(port, [framed(msg), framed(query('webui.default.svc.cluster.local', RRType.A))], 2);
    expect(replies.map((r) => decodeMessage(r).rcode)).toEqual([Rcode.FORMERR]);
    expect(closedByServer).toBe(true);
  });

  it('forwards over TCP what was asked over TCP', async () => {
    const before = upstream.tcpQueries.length;
    const { replies } = await tcpExchange(port, [framed(query('tcp-only.example', RRType.A))], 1);
    expect(decodeMessage(replies[0]!).rcode).toBe(Rcode.NXDOMAIN);
    expect(upstream.tcpQueries.slice(before)).toEqual(['tcp-only.example']);
  });
});

describe('forwarding', () => {
  it('caches forwarded answers for at most 30 seconds, counting the TTL down', async () => {
    const name = 'www.example.com';
    const asked = () => upstream.udpQueries.filter((n) => n === name).length;
    const first = await udpAsk(port, query(name, RRType.AAAA));
    const before = asked();
    clock += 10_000;
    const second = await udpAsk(port, query(name.toUpperCase(), RRType.AAAA));
    expect(asked()).toBe(before);
    expect(first.answers[0]!.ttl).toBe(30);
    expect(second.answers[0]!.ttl).toBe(20);
    expect(second.questions[0]!.name).toBe(name.toUpperCase());
    clock += 21_000;
    await udpAsk(port, query(name, RRType.AAAA));
    expect(asked()).toBe(before + 1);
  });

  it('keeps short-lived answers for at least 5 seconds', async () => {
    const m = await udpAsk(port, query('short.example', RRType.A));
    expect(m.answers[0]!.ttl).toBe(5);
  });

  it('caches a negative answer for the SOA minimum, capped at 30', async () => {
    const m = await udpAsk(port, query('neg.example', RRType.A));
    expect(m.rcode).toBe(Rcode.NXDOMAIN);
    expect(m.authority[0]!.ttl).toBe(30);
  });

  it('answers SERVFAIL when no upstream answers in time', async () => {
    const silent = createSocket('udp4');
    await new Promise<void>((r) => silent.bind(0, HOST, r));
    const dead = createDnsServer({ host: HOST, port: 0, source, upstreams: [`${HOST}:${silent.address().port}`], forwardTimeoutMs: 150 });
    const { port: deadPort } = await dead.listen();
    try {
      const started = Date.now();
      const m = await udpAsk(deadPort, query('www.example.com', RRType.A));
      expect(m).toMatchObject({ rcode: Rcode.SERVFAIL, aa: false, answers: [] });
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      // Cluster names do not depend on the upstream.
      expect((await udpAsk(deadPort, query('webui.default.svc.cluster.local', RRType.A))).rcode).toBe(Rcode.NOERROR);
      // An ExternalName whose target cannot be resolved keeps its CNAME.
      const ext = await udpAsk(deadPort, query('external.default.svc.cluster.local', RRType.A));
      expect(ext.answers.map((rr) => rr.type)).toEqual([RRType.CNAME]);
    } finally {
      await dead.close();
      silent.close();
    }
  });

  it('tries the next upstream when one fails', async () => {
    const silent = createSocket('udp4');
    let heardBySilent = 0;
    silent.on('message', () => heardBySilent++);
    await new Promise<void>((r) => silent.bind(0, HOST, r));
    const upstreams = [`${HOST}:${silent.address().port}`, `${HOST}:${upstream.port}`];
    const two = createDnsServer({ host: HOST, port: 0, source, upstreams, forwardTimeoutMs: 150, forwardPolicy: 'sequential', cache: false });
    const { port: twoPort } = await two.listen();
    try {
      expect((await udpAsk(twoPort, query('www.example.com', RRType.A))).answers).toHaveLength(1);
      expect(heardBySilent).toBe(1);
    } finally {
      await two.close();
      silent.close();
    }
  });
});

describe('loadbalance', () => {
  it('shuffles the addresses of a headless service between answers', async () => {
    const lb = createDnsServer({ host: HOST, port: 0, source });
    const { port: lbPort } = await lb.listen();
    try {
      const orders = new Set<string>();
      for (let i = 0; i < 30; i++) {
        const m = await udpAsk(lbPort, query('nginx-headless.default.svc.cluster.local', RRType.A));
        orders.add(m.answers.map((rr) => (rr.data.kind === 'address' ? rr.data.address : '')).join(','));
      }
      expect(orders.size).toBeGreaterThan(1);
    } finally {
      await lb.close();
    }
  });
});

describe('listen', () => {
  it('binds UDP and TCP to the same port, and fails clearly when the port is taken', async () => {
    const other = createDnsServer({ host: HOST, port, source });
    await expect(other.listen()).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
