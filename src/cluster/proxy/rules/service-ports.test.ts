import { describe, expect, it } from 'vitest';
import type { Service } from '../../api/types';
import { servicePorts } from './service-ports';

const svc = (spec: Service['spec'], status?: Service['status']): Service => ({ metadata: { name: 'web', namespace: 'ns' }, spec, status });
const port80 = [{ port: 80 }];

describe('servicePorts', () => {
  it('skips headless, ExternalName, unallocated and IPv6-only services', () => {
    expect(servicePorts(svc({ clusterIP: 'None', ports: port80 }))).toEqual([]);
    expect(servicePorts(svc({ type: 'ExternalName', externalName: 'example.com', clusterIP: '10.96.0.9', ports: port80 }))).toEqual([]);
    expect(servicePorts(svc({ ports: port80 }))).toEqual([]);
    expect(servicePorts(svc({ clusterIP: 'fd00::10', ports: port80 }))).toEqual([]);
    expect(servicePorts(svc({ clusterIP: 'fd00::10', clusterIPs: ['fd00::10'], ipFamilies: ['IPv6'], ports: port80 }))).toEqual([]);
  });

  it('takes the IPv4 cluster IP of a dual-stack service', () => {
    const [p] = servicePorts(svc({ clusterIP: 'fd00::10', clusterIPs: ['fd00::10', '10.96.0.5'], ipFamilies: ['IPv6', 'IPv4'], ports: port80 }));
    expect(p!.clusterIP).toBe('10.96.0.5');
  });

  it('names ports as upstream ServicePortName.String() does, TCP by default', () => {
    const ports = servicePorts(svc({ clusterIP: '10.96.0.5', ports: [{ port: 80 }, { name: 'dns', port: 53, protocol: 'UDP' }] }));
    expect(ports.map((p) => [p.name, p.protocol, p.protocolLower, p.key])).toEqual([
      ['ns/web', 'TCP', 'tcp', 'ns/web/TCP'],
      ['ns/web:dns', 'UDP', 'udp', 'ns/web:dns/UDP'],
    ]);
  });

  it('keeps IPv4 external IPs, LB VIPs and source ranges, canonicalised', () => {
    const [p] = servicePorts(
      svc(
        {
          type: 'LoadBalancer',
          clusterIP: '010.096.000.005',
          ports: port80,
          externalIPs: ['192.168.099.011', 'fd00::1', 'not-an-ip', ' 1.2.3.4'],
          loadBalancerSourceRanges: [' 203.0.113.5/25', 'fd00::/64', 'bogus', ''],
        },
        { loadBalancer: { ingress: [{ ip: '10.100.0.240' }, { ip: '10.100.0.241', ipMode: 'Proxy' }, { hostname: 'lb.example.com' }, { ip: '10.100.0.242', ipMode: 'VIP' }] } },
      ),
    );
    expect(p!.clusterIP).toBe('10.96.0.5');
    // External IPs are not trimmed (upstream parses them as written).
    expect(p!.externalIPs).toEqual(['192.168.99.11']);
    expect(p!.loadBalancerVIPs).toEqual(['10.100.0.240', '10.100.0.242']);
    expect(p!.loadBalancerSourceRanges.map((c) => c.text)).toEqual(['203.0.113.0/25']);
    expect(p!.loadBalancerSourceRanges[0]!.contains('203.0.113.127')).toBe(true);
    expect(p!.loadBalancerSourceRanges[0]!.contains('203.0.113.128')).toBe(false);
  });

  it('applies traffic policies only where upstream does', () => {
    const etpLocal = (type: 'ClusterIP' | 'NodePort' | 'LoadBalancer', externalIPs?: string[]) =>
      servicePorts(svc({ type, clusterIP: '10.96.0.5', ports: port80, externalTrafficPolicy: 'Local', externalIPs, healthCheckNodePort: 31000 }))[0]!;
    expect(etpLocal('ClusterIP').externalPolicyLocal).toBe(false);
    expect(etpLocal('ClusterIP', ['192.168.0.9']).externalPolicyLocal).toBe(true);
    expect(etpLocal('NodePort').externalPolicyLocal).toBe(true);
    expect(etpLocal('NodePort').healthCheckNodePort).toBe(0);
    expect(etpLocal('LoadBalancer').healthCheckNodePort).toBe(31000);
    expect(servicePorts(svc({ clusterIP: '10.96.0.5', ports: port80, internalTrafficPolicy: 'Local' }))[0]!.internalPolicyLocal).toBe(true);
  });

  it('uses the default ClientIP timeout when the config is missing', () => {
    expect(servicePorts(svc({ clusterIP: '10.96.0.5', ports: port80, sessionAffinity: 'ClientIP' }))[0]!.stickyMaxAgeSeconds).toBe(10800);
    expect(
      servicePorts(svc({ clusterIP: '10.96.0.5', ports: port80, sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } }))[0]!
        .stickyMaxAgeSeconds,
    ).toBe(60);
  });
});
