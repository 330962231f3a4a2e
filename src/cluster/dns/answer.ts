// The answerer: CoreDNS's kubernetes plugin with kubeadm's Corefile
//   kubernetes cluster.local in-addr.arpa ip6.arpa {
//     pods insecure; fallthrough in-addr.arpa ip6.arpa; ttl 30 }
// as a pure function of the cluster index and one question. It follows
// plugin/kubernetes (handler.go, kubernetes.go, parse.go, ns.go, reverse.go)
// and plugin/backend_lookup.go case by case, quirks included, because learners
// compare what `dig` shows here with what a real cluster shows.
import { type DnsIndex, type IndexedAddress, serviceKey } from './cluster-index';
import { canonicalIp } from './ip';
import { addressFromReverse, isSubdomain, joinName, labelsBelow, lowerName, splitName, stripDot } from './names';
import { Rcode, RRClass, RRType, type Message, type ResourceRecord } from './types';

export interface ZoneConfig {
  /** The cluster domain; answers for it are authoritative. */
  zone: string;
  /** Reverse zones answered for cluster IPs and endpoint addresses. */
  reverseZones: string[];
  /** Zones whose name errors go on to the upstream instead of NXDOMAIN. */
  fallthrough: string[];
  ttl: number;
  podMode: 'disabled' | 'verified' | 'insecure';
  /** This server's own addresses: the NS answer names the Service whose endpoints hold them. */
  localIPs: string[];
}

export const KUBEADM_ZONE_CONFIG: ZoneConfig = {
  zone: 'cluster.local',
  reverseZones: ['in-addr.arpa', 'ip6.arpa'],
  fallthrough: ['in-addr.arpa', 'ip6.arpa'],
  ttl: 30,
  podMode: 'insecure',
  localIPs: [],
};

export const DNS_SCHEMA_VERSION = '1.1.0';
const DNS_VERSION_TTL = 28800;

/** Where upstream answers go: `at` is an index into `message.answers`. */
export interface Chase {
  name: string;
  type: number;
  at: number;
}

export type Resolution =
  | { kind: 'reply'; message: Message }
  /** Not ours (or a reverse name we do not know): ask the upstream. */
  | { kind: 'forward' }
  /** An ExternalName CNAME: the server looks the target up upstream and splices the answer in. */
  | { kind: 'chase'; message: Message; chases: Chase[] };

// ---------------------------------------------------------------------------

interface State {
  /** The question name as asked (case kept). */
  qname: string;
  /** Lowercased. */
  name: string;
  qtype: number;
  /** The matched zone, lowercased. */
  zone: string;
  /** The matched zone as spelt in the question: CoreDNS keeps the asker's case. */
  zoneText: string;
}

/** msg.Service, reduced to what the kubernetes plugin fills in. */
interface Svc {
  host: string;
  port: number;
  ttl: number;
  /** The owner name CoreDNS derives from the service key (msg.Domain). */
  domain: string;
  text?: string;
}

interface Found {
  svcs: Svc[];
  /** errNoItems, errNsNotExposed or errInvalidRequest: all become NXDOMAIN (IsNameError). */
  nameError: boolean;
}

interface Built {
  records: ResourceRecord[];
  chases: Chase[];
}

const none = (): Found => ({ svcs: [], nameError: false });
const nameError = (): Found => ({ svcs: [], nameError: true });

class Answerer {
  constructor(
    private readonly idx: DnsIndex,
    private readonly cfg: ZoneConfig,
  ) {}

  private rr(name: string, type: number, ttl: number, data: ResourceRecord['data']): ResourceRecord {
    return { name, type, class: RRClass.IN, ttl, data };
  }

  private nsExposed(ns: string): boolean {
    return this.idx.namespaces.has(ns);
  }

  // --- kubernetes.go: Services / Records / findPods / findServices ---------

  services(s: State): Found {
    if (s.qtype === RRType.TXT) {
      const segs = labelsBelow(s.name, s.zone);
      if (segs.length !== 1 || segs[0] !== 'dns-version') return none();
      return { svcs: [{ host: '', port: 0, ttl: DNS_VERSION_TTL, domain: s.qname, text: DNS_SCHEMA_VERSION }], nameError: false };
    }
    if (s.qtype === RRType.NS) {
      return { svcs: this.nsAddrs(s.zoneText).map((a) => ({ host: a.ip, port: 0, ttl: this.cfg.ttl, domain: a.name })), nameError: false };
    }
    if (s.name === joinName('ns.dns', s.zone)) {
      const want = s.qtype === RRType.A ? 4 : s.qtype === RRType.AAAA ? 6 : 0;
      const svcs = this.nsAddrs(s.zoneText)
        .filter((a) => (a.ip.includes(':') ? 6 : 4) === want)
        .map((a) => ({ host: a.ip, port: 0, ttl: this.cfg.ttl, domain: s.qname }));
      return { svcs, nameError: false };
    }
    const found = this.records(s);
    // SRV for external services is not implemented upstream either.
    if (s.qtype === RRType.SRV) found.svcs = found.svcs.filter((x) => hostType(x.host) !== RRType.CNAME);
    return found;
  }

  private records(s: State): Found {
    const r = parseRequest(s.name, s.zone);
    if (r === null) return nameError();
    if (r.podOrSvc === '') return none();
    if (isSubdomain(s.name, 'in-addr.arpa') || isSubdomain(s.name, 'ip6.arpa')) return nameError();
    if (!this.nsExposed(r.namespace)) return nameError();
    return r.podOrSvc === 'pod' ? this.findPods(r, s) : this.findServices(r, s);
  }

  private findPods(r: ParsedName, s: State): Found {
    if (this.cfg.podMode === 'disabled') return nameError();
    if (r.service === '') return none();
    const podname = r.service;
    const raw = (podname.match(/-/g) ?? []).length === 3 && !podname.includes('--') ? podname.replaceAll('-', '.') : podname.replaceAll('-', ':');
    const ip = canonicalIp(raw);
    const domain = joinName(podname, r.namespace, 'pod', s.zoneText);
    if (this.cfg.podMode === 'insecure') {
      if (ip === null) return nameError();
      return { svcs: [{ host: ip, port: 0, ttl: this.cfg.ttl, domain }], nameError: false };
    }
    const pods = ip ? (this.idx.podsByIP.get(ip) ?? []).filter((p) => p.namespace === r.namespace) : [];
    if (pods.length === 0) return nameError();
    return { svcs: pods.map(() => ({ host: ip!, port: 0, ttl: this.cfg.ttl, domain })), nameError: false };
  }

  private findServices(r: ParsedName, s: State): Found {
    if (r.service === '') return none();
    const out: Found = nameError();
    const key = serviceKey(r.service, r.namespace);
    const svc = this.idx.services.get(key);
    if (!svc) return out;
    const base = [svc.name, svc.namespace, 'svc', s.zoneText];
    if (svc.type === 'ExternalName') {
      // External services cannot have endpoints.
      if (r.endpoint !== '') return out;
      if (svc.externalName && hostType(svc.externalName) === RRType.CNAME) {
        out.svcs.push({ host: svc.externalName, port: 0, ttl: this.cfg.ttl, domain: joinName(...base) });
        out.nameError = false;
      }
      return out;
    }
    if (svc.headless || r.endpoint !== '') {
      for (const eps of this.idx.endpoints.get(key) ?? []) {
        for (const addr of eps.addresses) {
          const host = endpointHostname(addr);
          if (r.endpoint !== '' && r.endpoint !== host.toLowerCase()) continue;
          for (const p of eps.ports) {
            if (!matchPortAndProtocol(r.port, p.name, r.protocol, p.protocol)) continue;
            out.svcs.push({ host: addr.ip, port: p.port, ttl: this.cfg.ttl, domain: joinName(host, ...base) });
            out.nameError = false;
          }
        }
      }
      return out;
    }
    for (const p of svc.ports) {
      if (!matchPortAndProtocol(r.port, p.name, r.protocol, p.protocol)) continue;
      out.nameError = false;
      for (const ip of svc.clusterIPs) out.svcs.push({ host: ip, port: p.port, ttl: this.cfg.ttl, domain: joinName(...base) });
    }
    return out;
  }

  // --- ns.go ------------------------------------------------------------------

  private nsAddrs(zoneText: string): { name: string; ip: string }[] {
    const out: { name: string; ip: string }[] = [];
    const locals = this.cfg.localIPs.map((ip) => canonicalIp(ip)).filter((ip): ip is string => ip !== null);
    for (const local of locals) {
      for (const eps of this.idx.endpointsByIP.get(local) ?? []) {
        // CoreDNS looks the Service up by the Endpoints object's own name. With
        // EndpointSlices that is the slice's name ("kube-dns-x7k2p"), which names
        // no Service, so a real cluster answers with the pod's own address.
        // Kept as is: learners compare with a real cluster.
        const svc = this.idx.services.get(serviceKey(eps.name, eps.namespace));
        if (!svc) continue;
        const svcName = joinName(svc.name, svc.namespace, 'svc', zoneText);
        if (svc.headless) for (const a of eps.addresses) out.push({ name: joinName(endpointHostname(a), svcName), ip: a.ip });
        else for (const ip of svc.clusterIPs.slice(0, 1)) out.push({ name: svcName, ip });
      }
    }
    if (out.length === 0) for (const ip of locals) out.push({ name: joinName('ns.dns', zoneText), ip });
    return out;
  }

  // --- reverse.go ---------------------------------------------------------------

  private reverse(s: State): Found {
    const ip = addressFromReverse(s.name);
    if (ip === null) return { svcs: [], nameError: this.records(s).nameError };
    const zone = this.cfg.zone;
    const byService = this.idx.servicesByIP.get(ip);
    if (byService && byService.length > 0) {
      const svc = byService[0]!;
      return { svcs: [{ host: joinName(svc.name, svc.namespace, 'svc', zone), port: 0, ttl: this.cfg.ttl, domain: '' }], nameError: false };
    }
    const svcs: Svc[] = [];
    for (const eps of this.idx.endpointsByIP.get(ip) ?? []) {
      for (const addr of eps.addresses) {
        if (addr.ip !== ip) continue;
        svcs.push({ host: joinName(endpointHostname(addr), eps.serviceName, eps.namespace, 'svc', zone), port: 0, ttl: this.cfg.ttl, domain: '' });
      }
    }
    return { svcs, nameError: svcs.length === 0 };
  }

  // --- backend_lookup.go ----------------------------------------------------------

  private checkForApex(s: State): Found {
    if (s.name !== s.zone) return this.services(s);
    const apex = this.services({ ...s, qname: joinName('apex.dns', s.zoneText), name: joinName('apex.dns', s.zone) });
    if (!apex.nameError) return apex;
    return this.services(s);
  }

  /** plugin.A and plugin.AAAA. */
  address(s: State, previous: ResourceRecord[]): Built & { nameError: boolean } {
    const found = this.checkForApex(s);
    const built: Built = { records: [], chases: [] };
    if (found.nameError) return { ...built, nameError: true };
    const want = s.qtype === RRType.AAAA ? RRType.AAAA : RRType.A;
    const dup = new Set<string>();
    for (const serv of found.svcs) {
      const what = hostType(serv.host);
      if (what === RRType.CNAME) {
        // x CNAME x (or a name below x) is a direct loop.
        if (isSubdomain(serv.host, s.name)) continue;
        const cname = this.rr(s.qname, RRType.CNAME, serv.ttl, { kind: 'name', target: stripDot(serv.host) });
        if (previous.length > 7) continue;
        if (previous.some((p) => p.type === RRType.CNAME && p.name === cname.name && p.data.kind === 'name' && cname.data.kind === 'name' && p.data.target === cname.data.target)) continue;
        if (isSubdomain(serv.host, s.zone)) {
          const host = stripDot(serv.host);
          const next = this.address({ ...s, qname: host, name: lowerName(host) }, [...previous, cname]);
          if (!next.nameError && next.records.length > 0) {
            const offset = built.records.length + 1;
            built.records.push(cname, ...next.records);
            built.chases.push(...next.chases.map((c) => ({ ...c, at: c.at + offset })));
          }
          continue;
        }
        // Not ours to complete: the server asks the upstream and appends what it says.
        built.records.push(cname);
        built.chases.push({ name: stripDot(serv.host), type: s.qtype, at: built.records.length });
        continue;
      }
      if (what === want && !dup.has(serv.host)) {
        dup.add(serv.host);
        built.records.push(this.rr(s.qname, want, serv.ttl, { kind: 'address', address: serv.host }));
      }
    }
    return { ...built, nameError: false };
  }

  srv(s: State): { records: ResourceRecord[]; extra: ResourceRecord[]; nameError: boolean } {
    const found = this.services(s);
    const records: ResourceRecord[] = [];
    const extra: ResourceRecord[] = [];
    if (found.nameError) return { records, extra, nameError: true };
    // Every kubernetes record has priority 0 and no weight of its own: each gets an equal share.
    const total = found.svcs.length * 100;
    const seenTarget = new Set<string>();
    const seenAddress = new Set<string>();
    for (const serv of found.svcs) {
      if (serv.port === -1) continue;
      const weight = Math.max(1, Math.floor((100 / total) * 100));
      const what = hostType(serv.host);
      if (what !== RRType.A && what !== RRType.AAAA) continue;
      const target = serv.domain;
      const tkey = `${target.toLowerCase()}|${serv.port}`;
      if (!seenTarget.has(tkey)) {
        seenTarget.add(tkey);
        records.push(this.rr(s.qname, RRType.SRV, serv.ttl, { kind: 'srv', priority: 0, weight, port: serv.port, target }));
      }
      const akey = `${target.toLowerCase()}|${serv.host}`;
      if (!seenAddress.has(akey)) {
        seenAddress.add(akey);
        extra.push(this.rr(target, what, serv.ttl, { kind: 'address', address: serv.host }));
      }
    }
    return { records, extra, nameError: false };
  }

  txt(s: State): { records: ResourceRecord[]; nameError: boolean } {
    const found = this.services(s);
    const records: ResourceRecord[] = [];
    const dup = new Set<string>();
    for (const serv of found.svcs) {
      if (serv.text === undefined || dup.has(serv.text)) continue;
      dup.add(serv.text);
      records.push(this.rr(s.qname, RRType.TXT, serv.ttl, { kind: 'txt', texts: [serv.text] }));
    }
    return { records, nameError: found.nameError };
  }

  ptr(s: State): { records: ResourceRecord[]; nameError: boolean } {
    const found = this.reverse(s);
    const records: ResourceRecord[] = [];
    const dup = new Set<string>();
    for (const serv of found.svcs) {
      if (hostType(serv.host) !== RRType.CNAME || dup.has(serv.host)) continue;
      dup.add(serv.host);
      records.push(this.rr(s.qname, RRType.PTR, serv.ttl, { kind: 'name', target: serv.host }));
    }
    return { records, nameError: found.nameError };
  }

  cname(s: State): { records: ResourceRecord[]; nameError: boolean } {
    const found = this.services(s);
    const first = found.svcs[0];
    const records = first && hostType(first.host) === RRType.CNAME ? [this.rr(s.qname, RRType.CNAME, first.ttl, { kind: 'name', target: stripDot(first.host) })] : [];
    return { records, nameError: found.nameError };
  }

  ns(s: State): { records: ResourceRecord[]; extra: ResourceRecord[] } {
    const found = this.services({ ...s, qname: joinName('ns.dns', s.zoneText), name: joinName('ns.dns', s.zone) });
    const records: ResourceRecord[] = [];
    const extra: ResourceRecord[] = [];
    const seen = new Set<string>();
    for (const serv of found.svcs) {
      const what = hostType(serv.host);
      if (what === RRType.CNAME) continue;
      extra.push(this.rr(serv.domain, what, serv.ttl, { kind: 'address', address: serv.host }));
      if (seen.has(serv.domain)) continue;
      seen.add(serv.domain);
      records.push(this.rr(s.qname, RRType.NS, serv.ttl, { kind: 'name', target: serv.domain }));
    }
    return { records, extra };
  }

  soa(s: State): ResourceRecord {
    const minTtl = this.cfg.ttl;
    return this.rr(s.zoneText, RRType.SOA, Math.min(minTtl, 300), {
      kind: 'soa',
      mname: joinName('ns.dns', s.zoneText),
      rname: joinName('hostmaster', s.zoneText),
      serial: this.idx.serial >>> 0,
      refresh: 7200,
      retry: 1800,
      expire: 86400,
      minimum: minTtl,
    });
  }
}

// --- parse.go -----------------------------------------------------------------

interface ParsedName {
  port: string;
  protocol: string;
  endpoint: string;
  service: string;
  namespace: string;
  podOrSvc: string;
}

/** The parts of a name below the zone; null for errInvalidRequest. */
function parseRequest(name: string, zone: string): ParsedName | null {
  const r: ParsedName = { port: '', protocol: '', endpoint: '', service: '', namespace: '', podOrSvc: '' };
  const segs = labelsBelow(name, zone);
  const base = segs.join('.');
  if (base === '' || base === 'svc' || base === 'pod') return r;
  let last = segs.length - 1;
  r.podOrSvc = segs[last]!;
  if (r.podOrSvc !== 'pod' && r.podOrSvc !== 'svc') return null;
  if (--last < 0) return r;
  r.namespace = segs[last]!;
  if (--last < 0) return r;
  r.service = segs[last]!;
  if (--last < 0) return r;
  if (last === 0) r.endpoint = segs[0]!;
  else if (last === 1) {
    r.protocol = stripUnderscore(segs[1]!);
    r.port = stripUnderscore(segs[0]!);
  } else return null;
  return r;
}

function stripUnderscore(s: string): string {
  return s.startsWith('_') ? s.slice(1) : s;
}

function matchPortAndProtocol(aPort: string, bPort: string, aProto: string, bProto: string): boolean {
  return (aPort === '' || aPort.toLowerCase() === bPort.toLowerCase()) && (aProto === '' || aProto.toLowerCase() === bProto.toLowerCase());
}

function endpointHostname(addr: IndexedAddress): string {
  if (addr.hostname) return addr.hostname;
  if (addr.ip.includes('.')) return addr.ip.replaceAll('.', '-');
  if (addr.ip.includes(':')) return addr.ip.replaceAll(':', '-');
  return '';
}

/** msg.Service.HostType: an address is A or AAAA, anything else a CNAME target. */
function hostType(host: string): number {
  const ip = canonicalIp(host);
  if (ip === null) return RRType.CNAME;
  return ip.includes(':') ? RRType.AAAA : RRType.A;
}

// --- handler.go -----------------------------------------------------------------

function matchZone(name: string, zones: string[]): string | null {
  let best: string | null = null;
  for (const z of zones) if (isSubdomain(name, z) && (best === null || splitName(z).length > splitName(best).length)) best = lowerName(z);
  return best;
}

/** The reply header CoreDNS's handler gives (miekg/dns SetReply, then aa). */
export function replyFor(req: Message, rcode: number = Rcode.NOERROR): Message {
  const query = req.opcode === 0;
  return {
    id: req.id,
    qr: true,
    opcode: req.opcode,
    aa: false,
    tc: false,
    rd: query ? req.rd : false,
    ra: false,
    z: false,
    ad: false,
    cd: query ? req.cd : false,
    rcode,
    questions: req.questions.slice(0, 1),
    answers: [],
    authority: [],
    additional: [],
  };
}

/**
 * Answers `req` (one question, already checked by the server) from `idx`.
 * The reply carries no OPT record: the server adds it (CoreDNS's SizeAndDo).
 */
export function answer(idx: DnsIndex, req: Message, cfg: ZoneConfig = KUBEADM_ZONE_CONFIG): Resolution {
  const q = req.questions[0];
  if (!q) return { kind: 'forward' };
  const qname = stripDot(q.name);
  const zone = matchZone(qname, [cfg.zone, ...cfg.reverseZones]);
  if (zone === null) return { kind: 'forward' };
  const zoneLabels = splitName(zone).length;
  const s: State = { qname, name: lowerName(qname), qtype: q.type, zone, zoneText: splitName(qname).slice(-zoneLabels).join('.') };
  const a = new Answerer(idx, cfg);

  let records: ResourceRecord[] = [];
  let extra: ResourceRecord[] = [];
  let chases: Chase[] = [];
  let isNameError = false;
  switch (q.type) {
    case RRType.A:
    case RRType.AAAA: {
      const r = a.address(s, []);
      ({ records, chases } = r);
      isNameError = r.nameError;
      break;
    }
    case RRType.TXT:
      ({ records, nameError: isNameError } = a.txt(s));
      break;
    case RRType.CNAME:
      ({ records, nameError: isNameError } = a.cname(s));
      break;
    case RRType.PTR:
      ({ records, nameError: isNameError } = a.ptr(s));
      break;
    case RRType.MX:
      // No kubernetes record is a mail exchanger: only the name error matters.
      isNameError = a.services(s).nameError;
      break;
    case RRType.SRV:
      ({ records, extra, nameError: isNameError } = a.srv(s));
      break;
    case RRType.SOA:
      records = [a.soa(s)];
      break;
    case RRType.NS:
      if (s.name === s.zone) {
        ({ records, extra } = a.ns(s));
        break;
      }
      isNameError = a.address(s, []).nameError;
      break;
    default:
      // A fake A lookup tells NODATA from NXDOMAIN.
      isNameError = a.address(s, []).nameError;
  }

  if (isNameError) {
    if (cfg.fallthrough.some((z) => isSubdomain(s.name, z))) return { kind: 'forward' };
    const m = replyFor(req, idx.synced ? Rcode.NXDOMAIN : Rcode.SERVFAIL);
    m.aa = true;
    m.authority = [a.soa(s)];
    return { kind: 'reply', message: m };
  }
  const m = replyFor(req);
  m.aa = true;
  if (records.length === 0) {
    m.authority = [a.soa(s)];
    return { kind: 'reply', message: m };
  }
  m.answers = records;
  m.additional = extra;
  return chases.length > 0 ? { kind: 'chase', message: m, chases } : { kind: 'reply', message: m };
}

/** Splices upstream answers into a chase reply (in reverse, so that earlier positions hold). */
export function completeChase(message: Message, chases: Chase[], upstream: (ResourceRecord[] | null)[]): Message {
  const answers = [...message.answers];
  for (let i = chases.length - 1; i >= 0; i--) answers.splice(chases[i]!.at, 0, ...(upstream[i] ?? []));
  return { ...message, answers };
}
