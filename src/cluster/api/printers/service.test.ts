// printers_test.go TestPrintServiceLoadBalancer, plus the lesson's service kinds.

import { describe, expect, it } from 'vitest';
import type { Service } from '../types';
import { servicePrinter } from './service';

const now = new Date('2025-01-01T12:00:00Z');
const svc = (name: string, spec: Service['spec'], status?: Service['status']): Service => ({ metadata: { name }, spec, status });
const narrow = (s: Service) => servicePrinter.print(s, { wide: false, now }).cells;
const wide = (s: Service) => servicePrinter.print(s, { wide: true, now }).cells;

describe('printService (TestPrintServiceLoadBalancer)', () => {
  it('load balancer with multiple ingress IPs', () => {
    const s = svc('service1', { clusterIPs: ['1.2.3.4'], type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP' }] }, { loadBalancer: { ingress: [{ ip: '2.3.4.5' }, { ip: '3.4.5.6' }] } });
    expect(narrow(s)).toEqual(['service1', 'LoadBalancer', '1.2.3.4', '2.3.4.5,3.4.5.6', '80/TCP', '<unknown>']);
  });

  it('load balancer still pending', () => {
    const s = svc('service2', {
      clusterIPs: ['1.3.4.5'],
      type: 'LoadBalancer',
      ports: [{ port: 80, protocol: 'TCP' }, { port: 8090, protocol: 'UDP' }, { port: 8000, protocol: 'TCP' }, { port: 7777, protocol: 'SCTP' }],
    });
    expect(narrow(s)).toEqual(['service2', 'LoadBalancer', '1.3.4.5', '<pending>', '80/TCP,8090/UDP,8000/TCP,7777/SCTP', '<unknown>']);
  });

  it('a long ingress list is clipped unless wide', () => {
    const s = svc(
      'service4',
      { clusterIPs: ['1.5.6.7'], type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP' }, { port: 8090, protocol: 'UDP' }, { port: 8000, protocol: 'TCP' }], selector: { foo: 'bar' } },
      { loadBalancer: { ingress: [{ ip: '2.3.4.5' }, { ip: '3.4.5.6' }, { ip: '5.6.7.8', hostname: 'host5678' }] } },
    );
    expect(narrow(s)).toEqual(['service4', 'LoadBalancer', '1.5.6.7', '2.3.4.5,3.4.5...', '80/TCP,8090/UDP,8000/TCP', '<unknown>']);
    expect(wide(s)).toEqual(['service4', 'LoadBalancer', '1.5.6.7', '2.3.4.5,3.4.5.6,5.6.7.8', '80/TCP,8090/UDP,8000/TCP', '<unknown>', 'foo=bar']);
  });
});

describe('printService: the lesson services', () => {
  it('ClusterIP with a fixed address', () => {
    const s = svc('webui', { type: 'ClusterIP', clusterIP: '10.100.100.100', clusterIPs: ['10.100.100.100'], ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], selector: { app: 'webui' } });
    expect(wide({ ...s, metadata: { name: 'webui', creationTimestamp: '2025-01-01T11:55:00Z' } })).toEqual([
      'webui',
      'ClusterIP',
      '10.100.100.100',
      '<none>',
      '80/TCP',
      '5m',
      'app=webui',
    ]);
  });

  it('NodePort shows port:nodePort', () => {
    const s = svc('webui-np', { type: 'NodePort', clusterIPs: ['10.96.12.34'], ports: [{ port: 80, nodePort: 30200, protocol: 'TCP' }] });
    expect(narrow(s).slice(1, 5)).toEqual(['NodePort', '10.96.12.34', '<none>', '80:30200/TCP']);
  });

  it('external IPs on ClusterIP and NodePort services', () => {
    const s = svc('ext', { type: 'NodePort', clusterIPs: ['10.96.0.5'], externalIPs: ['10.100.0.101', '10.100.0.102'], ports: [{ port: 80, nodePort: 30201 }] });
    expect(narrow(s).slice(3, 5)).toEqual(['10.100.0.101,10.100.0.102', '80:30201/TCP']);
  });

  it('LoadBalancer with ingress and external IPs lists both', () => {
    const s = svc('lb', { type: 'LoadBalancer', clusterIPs: ['10.96.0.6'], externalIPs: ['10.100.0.9'], ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }] }, { loadBalancer: { ingress: [{ ip: '10.100.0.240' }] } });
    expect(wide(s)[3]).toBe('10.100.0.240,10.100.0.9');
    const pending = svc('lb2', { type: 'LoadBalancer', clusterIPs: ['10.96.0.7'], externalIPs: ['10.100.0.9'] });
    expect(wide(pending)[3]).toBe('10.100.0.9');
    const byName = svc('lb3', { type: 'LoadBalancer', clusterIPs: ['10.96.0.8'] }, { loadBalancer: { ingress: [{ hostname: 'lb.example.com' }] } });
    expect(wide(byName)[3]).toBe('lb.example.com');
  });

  it('ExternalName has no cluster IP and shows the name', () => {
    const s = svc('ext-web', { type: 'ExternalName', externalName: 'web.cloud.example' });
    expect(wide(s)).toEqual(['ext-web', 'ExternalName', '<none>', 'web.cloud.example', '<none>', '<unknown>', '<none>']);
  });

  it('headless prints None; defaults fill type and protocol; clusterIP stands in for clusterIPs', () => {
    expect(narrow(svc('db', { clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 5432 }] })).slice(1, 5)).toEqual([
      'ClusterIP',
      'None',
      '<none>',
      '5432/TCP',
    ]);
    expect(narrow(svc('old', { clusterIP: '10.96.0.9', ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] })).slice(2, 5)).toEqual([
      '10.96.0.9',
      '<none>',
      '53/UDP,53/TCP',
    ]);
  });
});
