import { describe, expect, it } from 'vitest';
import type { ServiceFact } from '../facts';
import { judgeDns, type DnsFacts } from './dns';
import type { DnsCheck } from './spec';

const spec = (expect: DnsCheck['expect']): DnsCheck => ({ type: 'dns', from: { pod: 'app=webui', namespace: 'default' }, name: 'x', expect });
const svc: ServiceFact = { namespace: 'default', name: 'nodeport-service', type: 'NodePort', clusterIP: '10.96.4.4', ports: [], loadBalancerIPs: [], selector: { app: 'webui' } };
const facts = (over: Partial<DnsFacts>): DnsFacts => ({ where: 'pod webui-a', name: 'x.default.svc.cluster.local', answer: { status: 'NOERROR', answers: [] }, endpoints: [], ...over });
const a = (data: string) => ({ name: 'x.', ttl: 30, type: 'A', data });

describe('judgeDns', () => {
  it('says no DNS server answered', () => {
    expect(judgeDns(spec({ kind: 'nxdomain' }), facts({ answer: { answers: [] } })).reason?.en).toContain('No DNS server answered in pod webui-a.');
  });

  it('expects NXDOMAIN for a wrong name', () => {
    expect(judgeDns(spec({ kind: 'nxdomain' }), facts({ answer: { status: 'NXDOMAIN', answers: [] } })).passed).toBe(true);
    expect(judgeDns(spec({ kind: 'nxdomain' }), facts({})).reason?.en).toBe('The DNS answered NOERROR for x.default.svc.cluster.local, not NXDOMAIN.');
  });

  it('finds a CNAME to the external name, with or without the final dot', () => {
    const cname = { name: 'x.', ttl: 30, type: 'CNAME', data: 'web.cloud.test.' };
    expect(judgeDns(spec({ kind: 'cname', target: 'web.cloud.test' }), facts({ answer: { status: 'NOERROR', answers: [cname, a('10.100.0.250')] } })).passed).toBe(true);
    expect(judgeDns(spec({ kind: 'cname', target: 'web.cloud.test' }), facts({ answer: { status: 'NXDOMAIN', answers: [] } })).reason?.en).toBe('The DNS answered NXDOMAIN for x.default.svc.cluster.local: no such name yet.');
  });

  it('expects every ready endpoint for a headless name, in any order', () => {
    const answer = { status: 'NOERROR', answers: [a('10.244.2.5'), a('10.244.1.9'), a('10.244.1.10')] };
    const ok = judgeDns(spec({ kind: 'endpoints-of', service: 'headless-service' }), facts({ answer, service: svc, endpoints: ['10.244.1.9', '10.244.1.10', '10.244.2.5'] }));
    expect(ok.passed).toBe(true);
    const short = judgeDns(spec({ kind: 'endpoints-of', service: 'headless-service' }), facts({ answer: { status: 'NOERROR', answers: [a('10.244.1.9')] }, service: svc, endpoints: ['10.244.1.9', '10.244.2.5'] }));
    expect(short.reason?.en).toBe('The DNS answered 10.244.1.9 for x.default.svc.cluster.local, expected 10.244.1.9, 10.244.2.5.');
  });

  it('expects the one cluster IP for a normal Service', () => {
    expect(judgeDns(spec({ kind: 'cluster-ip-of', service: 'nodeport-service' }), facts({ answer: { status: 'NOERROR', answers: [a('10.96.4.4')] }, service: svc })).passed).toBe(true);
    expect(judgeDns(spec({ kind: 'cluster-ip-of', service: 'nodeport-service' }), facts({ answer: { status: 'NOERROR', answers: [a('10.96.4.4')] } })).reason?.en).toBe('There is no Service nodeport-service yet.');
  });
});
