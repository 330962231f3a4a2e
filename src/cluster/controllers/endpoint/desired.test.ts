import { describe, expect, it } from 'vitest';
import type { Pod, Service } from '../../api/types';
import { desiredSubsets } from './desired';

function pod(name: string, ip: string | undefined, o: { ready?: boolean; node?: string; deleting?: boolean; phase?: 'Running' | 'Succeeded'; hostname?: string; subdomain?: string; labels?: Record<string, string> } = {}): Pod {
  return {
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: o.labels ?? { app: 'web' }, deletionTimestamp: o.deleting ? '2026-01-01T00:00:00Z' : undefined },
    spec: { containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }], nodeName: o.node ?? 'node1', hostname: o.hostname, subdomain: o.subdomain },
    status: { phase: o.phase ?? 'Running', podIP: ip, conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
  };
}

const svc = (spec: Partial<Service['spec']> = {}): Service => ({
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { app: 'web' }, clusterIP: '10.96.0.20', ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }], ...spec },
});

describe('desiredSubsets', () => {
  it('lists ready pods by IP, unready ones apart, and leaves out pods without an IP, finished or terminating', () => {
    const pods = [pod('b', '10.244.2.5'), pod('a', '10.244.1.9', { node: 'node2' }), pod('c', '10.244.1.10', { ready: false }), pod('d', undefined), pod('e', '10.244.1.11', { phase: 'Succeeded' }), pod('f', '10.244.1.12', { deleting: true })];
    expect(desiredSubsets(svc(), pods)).toEqual([
      {
        addresses: [
          { ip: '10.244.1.9', nodeName: 'node2', targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: 'uid-a' } },
          { ip: '10.244.2.5', nodeName: 'node1', targetRef: { kind: 'Pod', namespace: 'default', name: 'b', uid: 'uid-b' } },
        ],
        notReadyAddresses: [{ ip: '10.244.1.10', nodeName: 'node1', targetRef: { kind: 'Pod', namespace: 'default', name: 'c', uid: 'uid-c' } }],
        ports: [{ port: 80, protocol: 'TCP' }],
      },
    ]);
  });

  it('publishes not-ready pods when the service asks for it', () => {
    const [subset] = desiredSubsets(svc({ publishNotReadyAddresses: true }), [pod('c', '10.244.1.10', { ready: false })]);
    expect(subset!.addresses?.map((a) => a.ip)).toEqual(['10.244.1.10']);
    expect(subset!.notReadyAddresses).toBeUndefined();
  });

  it('resolves named target ports and orders ports as upstream hashes them', () => {
    const s = svc({
      ports: [
        { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
        { name: 'metrics', port: 9153, targetPort: 9153, protocol: 'TCP' },
      ],
    });
    const [subset] = desiredSubsets(s, [pod('dns', '10.244.0.2')]);
    // What `kubectl describe endpoints kube-dns` shows on a real cluster.
    expect(subset!.ports).toEqual([
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'metrics', port: 9153, protocol: 'TCP' },
    ]);
    const named = desiredSubsets(svc({ ports: [{ name: 'web', port: 80, targetPort: 'http', protocol: 'TCP' }] }), [pod('a', '10.244.1.9')]);
    expect(named[0]!.ports).toEqual([{ name: 'web', port: 8080, protocol: 'TCP' }]);
    expect(desiredSubsets(svc({ ports: [{ port: 80, targetPort: 'nope', protocol: 'TCP' }] }), [pod('a', '10.244.1.9')])).toEqual([]);
  });

  it('splits pods that offer different ports into separate subsets', () => {
    const other = pod('b', '10.244.2.5');
    other.spec.containers[0]!.ports = [];
    const s = svc({ ports: [{ name: 'a', port: 80, targetPort: 'http', protocol: 'TCP' }, { name: 'b', port: 81, targetPort: 81, protocol: 'TCP' }] });
    const subsets = desiredSubsets(s, [pod('a', '10.244.1.9'), other]);
    // Port a is offered by one pod, port b by both: each set of addresses gets its own subset.
    const shape = subsets.map((x) => `${x.addresses!.map((a) => a.ip).join(',')} ${x.ports!.map((p) => p.name).join(',')}`).sort();
    expect(shape).toEqual(['10.244.1.9 a', '10.244.1.9,10.244.2.5 b']);
  });

  it('gives hostnames to pods whose subdomain is the service, and addresses without ports to a portless headless service', () => {
    const subsets = desiredSubsets(svc({ clusterIP: 'None', ports: [] }), [pod('a', '10.244.1.9', { hostname: 'web-0', subdomain: 'web' }), pod('b', '10.244.1.8', { hostname: 'x', subdomain: 'other' })]);
    expect(subsets).toEqual([
      {
        addresses: [
          { ip: '10.244.1.8', nodeName: 'node1', targetRef: { kind: 'Pod', namespace: 'default', name: 'b', uid: 'uid-b' } },
          { ip: '10.244.1.9', hostname: 'web-0', nodeName: 'node1', targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: 'uid-a' } },
        ],
      },
    ]);
  });
});
