// What the server does around the answerer, as CoreDNS's server and miekg/dns
// do it: which packets get a reply at all, the FORMERR/NOTIMP/BADVERS/SERVFAIL
// replies, the OPT record of a reply, the size limit, and the `loadbalance`
// plugin's shuffle.
import { encodeMessage } from './codec';
import { Opcode, Rcode, RRType, type Header, type Message, type Question, type ResourceRecord } from './types';
import { replyFor } from './answer';

export type Transport = 'udp' | 'tcp';

export type AcceptAction = 'accept' | 'reject' | 'notimp' | 'ignore';

/** miekg/dns's DefaultMsgAcceptFunc, which CoreDNS's server keeps. */
export function acceptAction(h: Header): AcceptAction {
  // A response sent to a server gets nothing back: any reply could amplify.
  if (h.qr) return 'ignore';
  if (h.opcode !== Opcode.QUERY && h.opcode !== Opcode.NOTIFY) return 'notimp';
  if (h.qdcount !== 1) return 'reject';
  // NOTIFY may carry a SOA in the answer section, IXFR one in authority.
  if (h.ancount > 1 || h.nscount > 1 || h.arcount > 2) return 'reject';
  return 'accept';
}

/**
 * FORMERR (or NOTIMP) as miekg/dns writes it: the request's header bits echoed,
 * QR set, AA cleared, the questions read so far, nothing else.
 */
export function rejectReply(h: Header, questions: Question[], rcode: number): Message {
  return {
    id: h.id,
    qr: true,
    opcode: rcode === Rcode.NOTIMP ? h.opcode : Opcode.QUERY,
    aa: false,
    tc: h.tc,
    rd: h.rd,
    ra: h.ra,
    z: false,
    ad: h.ad,
    cd: h.cd,
    rcode,
    questions,
    answers: [],
    authority: [],
    additional: [],
  };
}

/** CoreDNS answers an EDNS version other than 0 with BADVERS at once. */
export function badVersReply(req: Message): Message {
  const m = replyFor(req, Rcode.BADVERS);
  m.edns = { udpSize: req.edns?.udpSize ?? 512, version: 0, dnssecOk: false, options: [] };
  return m;
}

/** The server's own error reply (DefaultErrorFunc): no AA, no records. */
export function errorReply(req: Message, rcode: number): Message {
  return replyFor(req, rcode);
}

/**
 * CoreDNS's SizeAndDo: a reply to an EDNS query carries an OPT record with the
 * asker's buffer size and DO bit. Options are not echoed (CoreDNS echoes the
 * ones it knows, such as a client cookie, without acting on them).
 */
export function withEdns(reply: Message, req: Message): Message {
  if (!req.edns) return { ...reply, edns: undefined };
  return { ...reply, edns: { udpSize: req.edns.udpSize, version: 0, dnssecOk: req.edns.dnssecOk, options: [] } };
}

/** The most a reply may weigh: 512 over plain UDP, the advertised EDNS size (at least 512), 64 KiB over TCP. */
export function sizeLimit(req: Message | null, transport: Transport): number {
  if (transport === 'tcp') return 65535;
  const advertised = req?.edns?.udpSize ?? 0;
  return Math.max(512, advertised);
}

/** The bytes sent back: fitted to the limit, TC set when answers had to go. */
export function finish(reply: Message, req: Message | null, transport: Transport): Uint8Array {
  return encodeMessage(reply, sizeLimit(req, transport)).bytes;
}

/**
 * The `loadbalance` plugin (round_robin): address and MX records are shuffled,
 * CNAMEs stay in front, in every section of a successful reply.
 */
export function loadbalance(msg: Message, random: () => number = Math.random): Message {
  if (msg.rcode !== Rcode.NOERROR) return msg;
  const q = msg.questions[0];
  if (q && (q.type === RRType.AXFR || q.type === RRType.IXFR)) return msg;
  const shuffle = (rrs: ResourceRecord[]) => {
    const cname: ResourceRecord[] = [];
    const address: ResourceRecord[] = [];
    const mx: ResourceRecord[] = [];
    const rest: ResourceRecord[] = [];
    for (const rr of rrs) {
      if (rr.type === RRType.CNAME) cname.push(rr);
      else if (rr.type === RRType.A || rr.type === RRType.AAAA) address.push(rr);
      else if (rr.type === RRType.MX) mx.push(rr);
      else rest.push(rr);
    }
    if (address.length + mx.length < 2) return rrs;
    return [...cname, ...rest, ...permute(address, random), ...permute(mx, random)];
  };
  return { ...msg, answers: shuffle(msg.answers), authority: shuffle(msg.authority), additional: shuffle(msg.additional) };
}

function permute<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
