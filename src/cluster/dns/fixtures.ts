// A small cluster, as the lesson builds it, for the DNS tests and benchmark.
import type { EndpointSlice, KubeObject, Pod, Service } from '../api/types';

export function service(namespace: string, name: string, spec: Service['spec']): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec };
}

export interface FixtureEndpoint {
  ip: string;
  ready?: boolean | null;
  hostname?: string;
  pod?: string;
}

export function slice(namespace: string, serviceName: string, name: string, endpoints: FixtureEndpoint[], ports: EndpointSlice['ports']): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name,
      namespace,
      labels: { 'kubernetes.io/service-name': serviceName, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
    },
    addressType: 'IPv4',
    endpoints: endpoints.map((e) => ({
      addresses: [e.ip],
      conditions: e.ready === null ? {} : { ready: e.ready ?? true },
      ...(e.hostname ? { hostname: e.hostname } : {}),
      ...(e.pod ? { targetRef: { kind: 'Pod', namespace, name: e.pod } } : {}),
    })),
    ports,
  };
}

export function pod(namespace: string, name: string, ip: string): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec: { containers: [{ name: 'c' }] }, status: { phase: 'Running', podIP: ip, podIPs: [{ ip }] } };
}

export function labCluster(): KubeObject[] {
  return [
    service('default', 'kubernetes', { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: 6443 }] }),
    service('kube-system', 'kube-dns', {
      type: 'ClusterIP',
      clusterIP: '10.96.0.10',
      ports: [
        { name: 'dns', protocol: 'UDP', port: 53 },
        { name: 'dns-tcp', protocol: 'TCP', port: 53 },
        { name: 'metrics', protocol: 'TCP', port: 9153 },
      ],
    }),
    slice('kube-system', 'kube-dns', 'kube-dns-7xk2p', [{ ip: '10.244.0.2', pod: 'coredns-1' }, { ip: '10.244.0.3', pod: 'coredns-2' }], [
      { name: 'dns', protocol: 'UDP', port: 53 },
      { name: 'dns-tcp', protocol: 'TCP', port: 53 },
      { name: 'metrics', protocol: 'TCP', port: 9153 },
    ]),
    service('default', 'webui', { type: 'NodePort', clusterIP: '10.100.100.100', clusterIPs: ['10.100.100.100'], selector: { app: 'webui' }, ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 80, nodePort: 30200 }] }),
    slice('default', 'webui', 'webui-abcde', [
      { ip: '10.244.1.2', pod: 'webui-1' },
      { ip: '10.244.2.2', pod: 'webui-2' },
      { ip: '10.244.2.3', pod: 'webui-3', ready: false },
    ], [{ name: 'http', protocol: 'TCP', port: 80 }]),
    service('default', 'nginx-headless', { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ name: 'web', protocol: 'TCP', port: 80 }] }),
    slice('default', 'nginx-headless', 'nginx-headless-q8w9e', [
      { ip: '10.244.1.5', hostname: 'web-0', pod: 'web-0' },
      { ip: '10.244.2.6', hostname: 'web-1', pod: 'web-1' },
      { ip: '10.244.2.7', hostname: 'web-2', pod: 'web-2', ready: false },
      { ip: '10.244.1.8', ready: null },
    ], [{ name: 'web', protocol: 'TCP', port: 80 }]),
    service('default', 'empty-headless', { clusterIP: 'None', ports: [{ name: 'web', protocol: 'TCP', port: 80 }] }),
    slice('default', 'empty-headless', 'empty-headless-zzzzz', [{ ip: '10.244.1.9', ready: false }], [{ name: 'web', protocol: 'TCP', port: 80 }]),
    service('default', 'external', { type: 'ExternalName', externalName: 'www.example.com' }),
    service('default', 'alias', { type: 'ExternalName', externalName: 'webui.default.svc.cluster.local' }),
    service('default', 'self', { type: 'ExternalName', externalName: 'self.default.svc.cluster.local' }),
    service('lab', 'db', { type: 'ClusterIP', clusterIP: '10.96.5.5', ports: [{ protocol: 'TCP', port: 5432 }] }),
    pod('default', 'webui-1', '10.244.1.2'),
    pod('default', 'webui-2', '10.244.2.2'),
    pod('default', 'web-0', '10.244.1.5'),
  ];
}
