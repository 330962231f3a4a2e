// The cluster DNS server: UDP and TCP on one port, answering from the current
// index, forwarding the rest (with a cache), and surviving any packet: every
// query path ends in a reply, a deliberate silence, or SERVFAIL.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, isIPv6, type Server as TcpServer, type Socket } from 'node:net';
import { KUBEADM_ZONE_CONFIG, answer, completeChase, type ZoneConfig } from './answer';
import { ResponseCache, type CacheOptions } from './cache';
import { DnsFormatError, decodeHeader, decodeMessage, reencodable } from './codec';
import { Forwarder, type Upstream } from './forward';
import { acceptAction, badVersReply, errorReply, finish, loadbalance, rejectReply, withEdns, type Transport } from './response';
import type { DnsIndexSource } from './source';
import { Rcode, RRClass, type Header, type Message } from './types';

export interface DnsServerOptions {
  /** Address to listen on; CoreDNS listens on every address. */
  host?: string;
  /** 0 picks a free port (the same one for UDP and TCP). */
  port?: number;
  source: DnsIndexSource;
  /** "IP" or "IP:PORT"; without any, forwarded names get SERVFAIL. */
  upstreams?: readonly (string | Upstream)[];
  /** Changes to kubeadm's Corefile settings (zone, ttl, pods mode, this server's addresses). */
  zone?: Partial<ZoneConfig>;
  /** Per upstream and try. */
  forwardTimeoutMs?: number;
  /** Which upstream is asked first: a random one (forward's default) or the first listed. */
  forwardPolicy?: 'random' | 'sequential';
  /** `false` turns the cache of forwarded answers off. */
  cache?: CacheOptions | false;
  /** Shuffle address records, as the Corefile's `loadbalance`. */
  loadbalance?: boolean;
  /** A TCP connection with no query for this long is closed. */
  tcpIdleTimeoutMs?: number;
  /** Failures the server survived (socket errors, internal faults). */
  onError?: (err: unknown) => void;
}

export interface Handled {
  bytes: Uint8Array;
  /** Over TCP, the connection is closed after this reply (miekg/dns does so after FORMERR). */
  close: boolean;
}

export interface DnsServer {
  /** Binds UDP and TCP; resolves with where they listen. */
  listen(): Promise<{ host: string; port: number }>;
  /** Stops listening and drops open TCP connections. */
  close(): Promise<void>;
  /** One raw query as the sockets see it: the reply, or null for silence. Never rejects. */
  handle(packet: Uint8Array, transport: Transport): Promise<Handled | null>;
  readonly cache: ResponseCache | null;
}

const TCP_PORT_RETRIES = 10;

export function createDnsServer(options: DnsServerOptions): DnsServer {
  const zoneCfg: ZoneConfig = { ...KUBEADM_ZONE_CONFIG, ...options.zone };
  const forwarder = new Forwarder(options.upstreams ?? [], { timeoutMs: options.forwardTimeoutMs, policy: options.forwardPolicy });
  const cache = options.cache === false ? null : new ResponseCache(options.cache);
  const shuffle = options.loadbalance ?? true;
  const idleMs = options.tcpIdleTimeoutMs ?? 8000;
  const report = (err: unknown) => {
    try {
      options.onError?.(err);
    } catch {
      // A failing logger must not take the server down.
    }
  };

  let udp: UdpSocket | null = null;
  let tcp: TcpServer | null = null;
  const connections = new Set<Socket>();

  /** An upstream answer for `req`, from the cache when it has one; `raw` when it must go on as received. */
  async function upstreamAnswer(req: Message, transport: Transport): Promise<{ message: Message; raw?: Uint8Array } | null> {
    const cached = cache?.get(req);
    if (cached) {
      // The cache plugin answers with the asker's header and question, never authoritatively.
      return { message: { ...cached, id: req.id, opcode: req.opcode, rd: req.rd, cd: req.cd, aa: false, questions: req.questions.slice(0, 1) } };
    }
    const got = await forwarder.forward(req, transport);
    if (!got) return null;
    if (!reencodable(got.message)) return { message: got.message, raw: got.bytes };
    return { message: cache ? cache.put(req, got.message) : got.message };
  }

  async function resolve(req: Message, transport: Transport): Promise<Message | Uint8Array> {
    const resolution = answer(options.source.index(), req, zoneCfg);
    if (resolution.kind === 'reply') return resolution.message;
    if (resolution.kind === 'chase') {
      // CoreDNS resolves the target through itself (cache, then forward); a
      // failed lookup leaves the CNAME alone in the answer.
      const results = await Promise.all(
        resolution.chases.map(async (c) => {
          const sub: Message = { ...req, questions: [{ name: c.name, type: c.type, class: RRClass.IN }] };
          const got = await upstreamAnswer(sub, transport);
          return got && !got.raw ? got.message.answers : null;
        }),
      );
      return completeChase(resolution.message, resolution.chases, results);
    }
    const got = await upstreamAnswer(req, transport);
    if (!got) return errorReply(req, Rcode.SERVFAIL);
    return got.raw ?? got.message;
  }

  async function handle(packet: Uint8Array, transport: Transport): Promise<Handled | null> {
    let header: Header;
    try {
      header = decodeHeader(packet);
    } catch {
      // Fewer than 12 bytes: not even an ID to answer to.
      return null;
    }
    let req: Message | null = null;
    try {
      const action = acceptAction(header);
      if (action === 'ignore') return null;
      if (action !== 'accept') {
        const reply = rejectReply(header, [], action === 'notimp' ? Rcode.NOTIMP : Rcode.FORMERR);
        return { bytes: finish(reply, null, transport), close: true };
      }
      try {
        req = decodeMessage(packet);
      } catch (err) {
        if (!(err instanceof DnsFormatError)) throw err;
        return { bytes: finish(rejectReply(header, err.questions, Rcode.FORMERR), null, transport), close: true };
      }
      if (req.edns && req.edns.version !== 0) return { bytes: finish(badVersReply(req), req, transport), close: false };
      const out = await resolve(req, transport);
      if (out instanceof Uint8Array) return { bytes: out, close: false };
      const reply = shuffle ? loadbalance(out) : out;
      return { bytes: finish(withEdns(reply, req), req, transport), close: false };
    } catch (err) {
      report(err);
      try {
        const fallback = req ? withEdns(errorReply(req, Rcode.SERVFAIL), req) : rejectReply(header, [], Rcode.SERVFAIL);
        return { bytes: finish(fallback, req, transport), close: false };
      } catch (err2) {
        report(err2);
        return null;
      }
    }
  }

  function serveUdp(socket: UdpSocket): void {
    socket.on('message', (packet, rinfo) => {
      void handle(packet, 'udp').then((out) => {
        if (!out || !udp) return;
        socket.send(out.bytes, rinfo.port, rinfo.address, (err) => {
          if (err) report(err);
        });
      });
    });
    socket.on('error', report);
  }

  function serveTcp(conn: Socket): void {
    connections.add(conn);
    conn.setTimeout(idleMs, () => conn.destroy());
    conn.on('error', () => conn.destroy());
    conn.on('close', () => connections.delete(conn));
    let buf = Buffer.alloc(0);
    // Queries on one connection are answered one after another, as miekg/dns does.
    let chain: Promise<void> = Promise.resolve();
    conn.on('data', (chunk) => {
      buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const packet = buf.subarray(2, 2 + buf.readUInt16BE(0));
        buf = buf.subarray(2 + packet.length);
        chain = chain.then(async () => {
          if (conn.destroyed) return;
          const out = await handle(packet, 'tcp');
          if (!out || conn.destroyed) return;
          const prefix = Buffer.alloc(2);
          prefix.writeUInt16BE(out.bytes.length);
          conn.write(Buffer.concat([prefix, out.bytes]));
          if (out.close) conn.end();
        });
      }
    });
  }

  function bindUdp(host: string, port: number): Promise<UdpSocket> {
    return new Promise((resolve, reject) => {
      const socket = createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4' });
      socket.once('error', reject);
      socket.bind(port, host, () => {
        socket.off('error', reject);
        resolve(socket);
      });
    });
  }

  function bindTcp(host: string, port: number): Promise<TcpServer> {
    return new Promise((resolve, reject) => {
      const server = createServer(serveTcp);
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        server.on('error', report);
        resolve(server);
      });
    });
  }

  async function listen(): Promise<{ host: string; port: number }> {
    if (udp) throw new Error('the DNS server is already listening');
    const host = options.host ?? '0.0.0.0';
    const wanted = options.port ?? 53;
    for (let attempt = 0; ; attempt++) {
      const u = await bindUdp(host, wanted);
      const port = u.address().port;
      try {
        tcp = await bindTcp(host, port);
        udp = u;
        serveUdp(u);
        return { host, port };
      } catch (err) {
        u.close();
        // With a chosen port there is nothing to retry; with port 0 the TCP side may just be taken.
        if (wanted !== 0 || attempt >= TCP_PORT_RETRIES || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      }
    }
  }

  async function close(): Promise<void> {
    const u = udp;
    const t = tcp;
    udp = null;
    tcp = null;
    for (const c of connections) c.destroy();
    await Promise.all([
      u ? new Promise<void>((r) => u.close(() => r())) : Promise.resolve(),
      t ? new Promise<void>((r) => t.close(() => r())) : Promise.resolve(),
    ]);
  }

  return { listen, close, handle, cache };
}
