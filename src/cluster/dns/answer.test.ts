import { describe, expect, it } from 'vitest';
import { KUBEADM_ZONE_CONFIG, answer, completeChase, type Resolution, type ZoneConfig } from './answer';
import { buildIndex, type DnsIndex } from './cluster-index';
import { labCluster, service, slice } from './fixtures';
import { Rcode, RRClass, RRType, emptyMessage, type Message, type ResourceRecord } from './types';

const SERIAL = 1_700_000_000;
const idx = buildIndex(labCluster(), { serial: SERIAL });

function query(name: string, type: number, patch: Partial<Message> = {}): Message {
  return { ...emptyMessage(0x1234), rd: true, questions: [{ name, type, class: RRClass.IN }], ...patch };
}

function ask(name: string, type: number, index: DnsIndex = idx, cfg: ZoneConfig = KUBEADM_ZONE_CONFIG): Resolution {
  return answer(index, query(name, type), cfg);
}

function reply(name: string, type: number, index: DnsIndex = idx, cfg: ZoneConfig = KUBEADM_ZONE_CONFIG): Message {
  const r = ask(name, type, index, cfg);
  if (r.kind !== 'reply') throw new Error(`expected a reply for ${name}, got ${r.kind}`);
  return r.message;
}

const data = (rrs: ResourceRecord[]) => rrs.map((rr) => rr.data);
const addresses = (rrs: ResourceRecord[]) => rrs.map((rr) => (rr.data.kind === 'address' ? rr.data.address : `?${rr.type}`)).sort();

const SOA = (owner = 'cluster.local', serial = SERIAL): ResourceRecord => ({
  name: owner,
  type: RRType.SOA,
  class: RRClass.IN,
  ttl: 30,
  data: { kind: 'soa', mname: `ns.dns.${owner}`, rname: `hostmaster.${owner}`, serial, refresh: 7200, retry: 1800, expire: 86400, minimum: 30 },
});

function expectNxdomain(m: Message, owner = 'cluster.local'): void {
  expect(m.rcode).toBe(Rcode.NXDOMAIN);
  expect(m.aa).toBe(true);
  expect(m.answers).toEqual([]);
  expect(m.authority).toEqual([SOA(owner)]);
}

function expectNodata(m: Message, owner = 'cluster.local'): void {
  expect(m.rcode).toBe(Rcode.NOERROR);
  expect(m.aa).toBe(true);
  expect(m.answers).toEqual([]);
  expect(m.authority).toEqual([SOA(owner)]);
}

describe('ClusterIP services', () => {
  it('answer A with the cluster IP, TTL 30, authoritatively', () => {
    const m = reply('webui.default.svc.cluster.local', RRType.A);
    expect(m).toMatchObject({ id: 0x1234, qr: true, aa: true, rd: true, ra: false, rcode: Rcode.NOERROR });
    expect(m.questions).toEqual([{ name: 'webui.default.svc.cluster.local', type: RRType.A, class: RRClass.IN }]);
    expect(m.answers).toEqual([{ name: 'webui.default.svc.cluster.local', type: RRType.A, class: RRClass.IN, ttl: 30, data: { kind: 'address', address: '10.100.100.100' } }]);
    expect(m.authority).toEqual([]);
  });

  it('answer AAAA of an IPv4-only service with NODATA and the SOA', () => {
    expectNodata(reply('webui.default.svc.cluster.local', RRType.AAAA));
  });

  it('keep the asker’s spelling in owner names and in the SOA', () => {
    const m = reply('WebUI.Default.SVC.Cluster.Local', RRType.A);
    expect(m.answers[0]!.name).toBe('WebUI.Default.SVC.Cluster.Local');
    expectNxdomain(reply('Nope.Default.svc.Cluster.LOCAL', RRType.A), 'Cluster.LOCAL');
  });

  it('answer a name with a trailing dot like one without', () => {
    expect(addresses(reply('webui.default.svc.cluster.local.', RRType.A).answers)).toEqual(['10.100.100.100']);
  });

  it('answer an unknown service, or one in an unknown namespace, with NXDOMAIN and the SOA', () => {
    expectNxdomain(reply('nope.default.svc.cluster.local', RRType.A));
    expectNxdomain(reply('webui.nope.svc.cluster.local', RRType.A));
    expectNxdomain(reply('nope.svc.cluster.local', RRType.A));
  });

  it('give NODATA for names that exist without records: the zone, svc, pod, a namespace', () => {
    for (const name of ['cluster.local', 'svc.cluster.local', 'pod.cluster.local', 'default.svc.cluster.local', 'lab.svc.cluster.local']) {
      expectNodata(reply(name, RRType.A));
    }
  });

  it('treat names deeper than _port._proto.svc.ns.svc as errors', () => {
    expectNxdomain(reply('a.b.c.webui.default.svc.cluster.local', RRType.A));
    expectNxdomain(reply('webui.default.other.cluster.local', RRType.A));
  });

  it('give NODATA for another type of an existing name and NXDOMAIN for a missing one (fake A lookup)', () => {
    expectNodata(reply('webui.default.svc.cluster.local', RRType.HINFO));
    expectNxdomain(reply('nope.default.svc.cluster.local', RRType.HINFO));
    expectNodata(reply('webui.default.svc.cluster.local', RRType.MX));
    expectNxdomain(reply('nope.default.svc.cluster.local', RRType.MX));
    expectNodata(reply('webui.default.svc.cluster.local', RRType.CNAME));
  });

  it('answer endpoint names of a ClusterIP service (dashed IP) with the endpoint address', () => {
    expect(addresses(reply('10-244-1-2.webui.default.svc.cluster.local', RRType.A).answers)).toEqual(['10.244.1.2']);
    // 10.244.2.3 is not ready.
    expectNxdomain(reply('10-244-2-3.webui.default.svc.cluster.local', RRType.A));
  });

  it('use only the namespaces listed when Namespace objects are given', () => {
    const objs = [...labCluster(), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }];
    const withNs = buildIndex(objs, { serial: SERIAL });
    expect(addresses(reply('webui.default.svc.cluster.local', RRType.A, withNs).answers)).toEqual(['10.100.100.100']);
    expectNxdomain(reply('db.lab.svc.cluster.local', RRType.A, withNs));
    expect(addresses(reply('db.lab.svc.cluster.local', RRType.A).answers)).toEqual(['10.96.5.5']);
  });

  it('answer SERVFAIL (with the SOA) for a name error before the first sync, as CoreDNS does', () => {
    const unsynced = buildIndex([], { serial: 0, synced: false });
    const m = reply('webui.default.svc.cluster.local', RRType.A, unsynced);
    expect(m.rcode).toBe(Rcode.SERVFAIL);
    expect(m.authority).toEqual([SOA('cluster.local', 0)]);
  });
});

describe('headless services', () => {
  it('answer one A per ready endpoint (a missing ready condition counts as ready)', () => {
    const m = reply('nginx-headless.default.svc.cluster.local', RRType.A);
    expect(m.aa).toBe(true);
    expect(addresses(m.answers)).toEqual(['10.244.1.5', '10.244.1.8', '10.244.2.6']);
    expect(m.answers.every((rr) => rr.name === 'nginx-headless.default.svc.cluster.local' && rr.ttl === 30)).toBe(true);
  });

  it('answer hostname records for endpoints with a hostname', () => {
    expect(addresses(reply('web-0.nginx-headless.default.svc.cluster.local', RRType.A).answers)).toEqual(['10.244.1.5']);
    expect(addresses(reply('web-1.nginx-headless.default.svc.cluster.local', RRType.A).answers)).toEqual(['10.244.2.6']);
    expectNxdomain(reply('web-2.nginx-headless.default.svc.cluster.local', RRType.A));
    // An endpoint with a hostname is not also known by its dashed address.
    expectNxdomain(reply('10-244-1-5.nginx-headless.default.svc.cluster.local', RRType.A));
    expect(addresses(reply('10-244-1-8.nginx-headless.default.svc.cluster.local', RRType.A).answers)).toEqual(['10.244.1.8']);
  });

  it('answer NXDOMAIN when no endpoint is ready', () => {
    expectNxdomain(reply('empty-headless.default.svc.cluster.local', RRType.A));
    expectNxdomain(reply('empty-headless.default.svc.cluster.local', RRType.SRV));
  });

  it('answer A from every slice of the service', () => {
    const objs = [...labCluster(), slice('default', 'nginx-headless', 'nginx-headless-second', [{ ip: '10.244.2.20' }], [{ name: 'web', protocol: 'TCP', port: 80 }])];
    expect(addresses(reply('nginx-headless.default.svc.cluster.local', RRType.A, buildIndex(objs)).answers)).toEqual(['10.244.1.5', '10.244.1.8', '10.244.2.20', '10.244.2.6']);
  });

  it('answer A for a headless service whose slice has no ports, but no SRV', () => {
    const objs = [service('default', 'bare', { clusterIP: 'None' }), slice('default', 'bare', 'bare-1', [{ ip: '10.244.1.30' }], [])];
    const index = buildIndex(objs, { serial: SERIAL });
    expect(addresses(reply('bare.default.svc.cluster.local', RRType.A, index).answers)).toEqual(['10.244.1.30']);
    expectNodata(reply('bare.default.svc.cluster.local', RRType.SRV, index), 'cluster.local');
  });
});

describe('SRV', () => {
  it('answers a named port of a ClusterIP service with the service name as target and its A in additional', () => {
    const m = reply('_http._tcp.webui.default.svc.cluster.local', RRType.SRV);
    expect(m.answers).toEqual([
      { name: '_http._tcp.webui.default.svc.cluster.local', type: RRType.SRV, class: RRClass.IN, ttl: 30, data: { kind: 'srv', priority: 0, weight: 100, port: 80, target: 'webui.default.svc.cluster.local' } },
    ]);
    expect(m.additional).toEqual([{ name: 'webui.default.svc.cluster.local', type: RRType.A, class: RRClass.IN, ttl: 30, data: { kind: 'address', address: '10.100.100.100' } }]);
  });

  it('matches port and protocol without regard to case', () => {
    expect(reply('_DNS._UDP.kube-dns.kube-system.svc.cluster.local', RRType.SRV).answers).toHaveLength(1);
  });

  it('answers NXDOMAIN for a port the service does not have', () => {
    expectNxdomain(reply('_nope._tcp.webui.default.svc.cluster.local', RRType.SRV));
    expectNxdomain(reply('_http._udp.webui.default.svc.cluster.local', RRType.SRV));
  });

  it('shares the weight between all ports of a service, one record per distinct port', () => {
    const m = reply('kube-dns.kube-system.svc.cluster.local', RRType.SRV);
    // dns/UDP 53, dns-tcp/TCP 53 and metrics 9153: three shares of 100 -> 33; the two 53s are one record.
    expect(data(m.answers)).toEqual([
      { kind: 'srv', priority: 0, weight: 33, port: 53, target: 'kube-dns.kube-system.svc.cluster.local' },
      { kind: 'srv', priority: 0, weight: 33, port: 9153, target: 'kube-dns.kube-system.svc.cluster.local' },
    ]);
    expect(addresses(m.additional)).toEqual(['10.96.0.10']);
  });

  it('answers one record per ready endpoint of a headless service, named by hostname or dashed IP', () => {
    const m = reply('_web._tcp.nginx-headless.default.svc.cluster.local', RRType.SRV);
    expect(data(m.answers)).toEqual([
      { kind: 'srv', priority: 0, weight: 33, port: 80, target: 'web-0.nginx-headless.default.svc.cluster.local' },
      { kind: 'srv', priority: 0, weight: 33, port: 80, target: 'web-1.nginx-headless.default.svc.cluster.local' },
      { kind: 'srv', priority: 0, weight: 33, port: 80, target: '10-244-1-8.nginx-headless.default.svc.cluster.local' },
    ]);
    expect(m.additional.map((rr) => `${rr.name} ${rr.data.kind === 'address' ? rr.data.address : ''}`)).toEqual([
      'web-0.nginx-headless.default.svc.cluster.local 10.244.1.5',
      'web-1.nginx-headless.default.svc.cluster.local 10.244.2.6',
      '10-244-1-8.nginx-headless.default.svc.cluster.local 10.244.1.8',
    ]);
  });

  it('gives NODATA for an ExternalName service', () => {
    expectNodata(reply('_http._tcp.external.default.svc.cluster.local', RRType.SRV));
    expectNodata(reply('external.default.svc.cluster.local', RRType.SRV));
  });
});

describe('ExternalName', () => {
  it('answers A with the CNAME and asks for the target upstream, to splice its answer in', () => {
    const r = ask('external.default.svc.cluster.local', RRType.A);
    if (r.kind !== 'chase') throw new Error(`expected a chase, got ${r.kind}`);
    expect(r.message.aa).toBe(true);
    expect(r.message.answers).toEqual([
      { name: 'external.default.svc.cluster.local', type: RRType.CNAME, class: RRClass.IN, ttl: 30, data: { kind: 'name', target: 'www.example.com' } },
    ]);
    expect(r.chases).toEqual([{ name: 'www.example.com', type: RRType.A, at: 1 }]);
    const upstreamA: ResourceRecord = { name: 'www.example.com', type: RRType.A, class: RRClass.IN, ttl: 30, data: { kind: 'address', address: '93.184.216.34' } };
    const done = completeChase(r.message, r.chases, [[upstreamA]]);
    expect(done.answers.map((rr) => rr.type)).toEqual([RRType.CNAME, RRType.A]);
    // A failed upstream leaves the CNAME alone.
    expect(completeChase(r.message, r.chases, [null]).answers).toHaveLength(1);
  });

  it('answers the CNAME alone for a CNAME question, without an upstream lookup', () => {
    const m = reply('external.default.svc.cluster.local', RRType.CNAME);
    expect(data(m.answers)).toEqual([{ kind: 'name', target: 'www.example.com' }]);
  });

  it('follows a CNAME into the cluster zone itself', () => {
    const m = reply('alias.default.svc.cluster.local', RRType.A);
    expect(m.answers.map((rr) => [rr.name, rr.type, rr.data])).toEqual([
      ['alias.default.svc.cluster.local', RRType.CNAME, { kind: 'name', target: 'webui.default.svc.cluster.local' }],
      ['webui.default.svc.cluster.local', RRType.A, { kind: 'address', address: '10.100.100.100' }],
    ]);
  });

  it('drops a CNAME to itself (a loop) and answers NODATA', () => {
    expectNodata(reply('self.default.svc.cluster.local', RRType.A));
  });

  it('has no endpoints', () => {
    expectNxdomain(reply('x.external.default.svc.cluster.local', RRType.A));
  });

  it('answers TXT with NODATA (CoreDNS only knows dns-version)', () => {
    expectNodata(reply('external.default.svc.cluster.local', RRType.TXT));
  });
});

describe('PTR', () => {
  it('names the service of a cluster IP', () => {
    const m = reply('100.100.100.10.in-addr.arpa', RRType.PTR);
    expect(m.aa).toBe(true);
    expect(m.answers).toEqual([{ name: '100.100.100.10.in-addr.arpa', type: RRType.PTR, class: RRClass.IN, ttl: 30, data: { kind: 'name', target: 'webui.default.svc.cluster.local' } }]);
  });

  it('names endpoints by hostname, or by dashed address', () => {
    expect(data(reply('5.1.244.10.in-addr.arpa', RRType.PTR).answers)).toEqual([{ kind: 'name', target: 'web-0.nginx-headless.default.svc.cluster.local' }]);
    expect(data(reply('2.1.244.10.in-addr.arpa', RRType.PTR).answers)).toEqual([{ kind: 'name', target: '10-244-1-2.webui.default.svc.cluster.local' }]);
    expect(data(reply('2.0.244.10.in-addr.arpa', RRType.PTR).answers)).toEqual([{ kind: 'name', target: '10-244-0-2.kube-dns.kube-system.svc.cluster.local' }]);
  });

  it('goes upstream (fallthrough) for unknown addresses, not-ready endpoints and partial reverse names', () => {
    expect(ask('9.9.9.10.in-addr.arpa', RRType.PTR).kind).toBe('forward');
    expect(ask('3.2.244.10.in-addr.arpa', RRType.PTR).kind).toBe('forward');
    expect(ask('244.10.in-addr.arpa', RRType.PTR).kind).toBe('forward');
    expect(ask('100.100.100.10.in-addr.arpa', RRType.A).kind).toBe('forward');
  });

  it('answers IPv6 reverse names', () => {
    const objs = [service('default', 'v6', { clusterIP: 'fd00:10:96::a', clusterIPs: ['fd00:10:96::a'], ports: [{ name: 'p', port: 80 }] })];
    const index = buildIndex(objs, { serial: SERIAL });
    const name = 'a.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.6.9.0.0.0.1.0.0.0.0.d.f.ip6.arpa';
    expect(data(reply(name, RRType.PTR, index).answers)).toEqual([{ kind: 'name', target: 'v6.default.svc.cluster.local' }]);
    expect(addresses(reply('v6.default.svc.cluster.local', RRType.AAAA, index).answers)).toEqual(['fd00:10:96::a']);
    expectNodata(reply('v6.default.svc.cluster.local', RRType.A, index));
  });

  it('answers a PTR question inside cluster.local by the name rules', () => {
    expectNodata(reply('webui.default.svc.cluster.local', RRType.PTR));
    expectNxdomain(reply('nope.default.svc.cluster.local', RRType.PTR));
  });
});

describe('pods (pods insecure)', () => {
  it('answer the address spelt in the name, in any existing namespace', () => {
    expect(addresses(reply('10-244-1-2.default.pod.cluster.local', RRType.A).answers)).toEqual(['10.244.1.2']);
    expect(addresses(reply('10-244-9-9.default.pod.cluster.local', RRType.A).answers)).toEqual(['10.244.9.9']);
  });

  it('answer NXDOMAIN for names that are not addresses or namespaces that do not exist', () => {
    expectNxdomain(reply('not-an-ip.default.pod.cluster.local', RRType.A));
    expectNxdomain(reply('10-244-1-2.nope.pod.cluster.local', RRType.A));
  });

  it('answer AAAA of an IPv4 pod with NODATA', () => {
    expectNodata(reply('10-244-1-2.default.pod.cluster.local', RRType.AAAA));
  });

  it('check the pod exists in verified mode and answer nothing when disabled', () => {
    const verified = { ...KUBEADM_ZONE_CONFIG, podMode: 'verified' as const };
    expect(addresses(reply('10-244-1-2.default.pod.cluster.local', RRType.A, idx, verified).answers)).toEqual(['10.244.1.2']);
    expectNxdomain(reply('10-244-9-9.default.pod.cluster.local', RRType.A, idx, verified));
    expectNxdomain(reply('10-244-1-2.kube-system.pod.cluster.local', RRType.A, idx, verified));
    expectNxdomain(reply('10-244-1-2.default.pod.cluster.local', RRType.A, idx, { ...KUBEADM_ZONE_CONFIG, podMode: 'disabled' }));
  });
});

describe('zone records', () => {
  it('answer dns-version TXT with the schema version', () => {
    const m = reply('dns-version.cluster.local', RRType.TXT);
    expect(m.answers).toEqual([{ name: 'dns-version.cluster.local', type: RRType.TXT, class: RRClass.IN, ttl: 28800, data: { kind: 'txt', texts: ['1.1.0'] } }]);
  });

  it('answer TXT of any other name with NODATA, and A of dns-version with NXDOMAIN, as CoreDNS does', () => {
    expectNodata(reply('webui.default.svc.cluster.local', RRType.TXT));
    expectNodata(reply('nope.default.svc.cluster.local', RRType.TXT));
    expectNxdomain(reply('dns-version.cluster.local', RRType.A));
  });

  it('answer SOA with CoreDNS’s SOA for any name of the zone', () => {
    expect(reply('cluster.local', RRType.SOA).answers).toEqual([SOA()]);
    expect(reply('webui.default.svc.cluster.local', RRType.SOA).answers).toEqual([SOA()]);
  });

  it('answer NS at the apex with ns.dns and its address in additional', () => {
    const cfg = { ...KUBEADM_ZONE_CONFIG, localIPs: ['10.244.0.2'] };
    const m = reply('cluster.local', RRType.NS, idx, cfg);
    expect(m.answers).toEqual([{ name: 'cluster.local', type: RRType.NS, class: RRClass.IN, ttl: 30, data: { kind: 'name', target: 'ns.dns.cluster.local' } }]);
    expect(m.additional).toEqual([{ name: 'ns.dns.cluster.local', type: RRType.A, class: RRClass.IN, ttl: 30, data: { kind: 'address', address: '10.244.0.2' } }]);
    expect(addresses(reply('ns.dns.cluster.local', RRType.A, idx, cfg).answers)).toEqual(['10.244.0.2']);
    expectNodata(reply('cluster.local', RRType.NS));
    expectNodata(reply('webui.default.svc.cluster.local', RRType.NS));
  });

  it('uses the reverse zone’s own SOA', () => {
    const m = reply('in-addr.arpa', RRType.PTR);
    expectNodata(m, 'in-addr.arpa');
  });
});

describe('forwarding', () => {
  it('sends names outside the zones upstream', () => {
    expect(ask('www.example.com', RRType.A).kind).toBe('forward');
    expect(ask('cluster.local.example.com', RRType.A).kind).toBe('forward');
    expect(ask('local', RRType.A).kind).toBe('forward');
  });

  it('serves another cluster domain when configured', () => {
    const cfg = { ...KUBEADM_ZONE_CONFIG, zone: 'lab.test' };
    expect(addresses(reply('webui.default.svc.lab.test', RRType.A, idx, cfg).answers)).toEqual(['10.100.100.100']);
    expect(ask('webui.default.svc.cluster.local', RRType.A, idx, cfg).kind).toBe('forward');
  });
});
