// What kube-apiserver and kubeadm put into a new cluster: the system
// namespaces, the `kubernetes` service with the API server as its endpoint,
// and the cluster DNS add-on (kube-dns service, coredns deployment). Created
// when absent, so a restarted server changes nothing the learner made.
import type { KubeObject } from '../api/types';
import type { ServerContext } from './context';
import { ApiError } from './errors';
import { createObject, updateObject } from './handlers/write';
import { findResource } from './resources';

export interface BootstrapOptions {
  advertiseAddress: string;
  securePort: number;
  kubernetesServiceIP: string;
  dnsServiceIP: string;
}

const res = (group: string, version: string, resource: string) => findResource(group, version, resource)!;

async function ensure(ctx: ServerContext, group: string, resource: string, object: KubeObject): Promise<void> {
  const info = res(group, group ? 'v1' : 'v1', resource);
  if (ctx.store.tryGet(info, object.metadata.namespace, object.metadata.name!)) return;
  try {
    await createObject(info, structuredClone(object), ctx);
  } catch (err) {
    if (!(err instanceof ApiError && err.status.code === 409)) throw err;
  }
}

/** Keeps the `kubernetes` endpoints pointing at this server (the master endpoint reconciler). */
async function reconcileKubernetesEndpoints(ctx: ServerContext, o: BootstrapOptions): Promise<void> {
  const endpoints: KubeObject = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: o.advertiseAddress }], ports: [{ name: 'https', port: o.securePort, protocol: 'TCP' }] }],
  };
  const slice: KubeObject = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [o.advertiseAddress], conditions: { ready: true } }],
    ports: [{ name: 'https', port: o.securePort, protocol: 'TCP' }],
  };
  for (const [group, resource, desired] of [['', 'endpoints', endpoints], ['discovery.k8s.io', 'endpointslices', slice]] as const) {
    const info = res(group, 'v1', resource);
    const current = ctx.store.tryGet(info, 'default', 'kubernetes');
    if (!current) {
      await ensure(ctx, group, resource, desired);
      continue;
    }
    const { metadata: _m, apiVersion: _a, kind: _k, ...want } = desired;
    const { metadata: _cm, apiVersion: _ca, kind: _ck, ...have } = current;
    if (JSON.stringify(want) !== JSON.stringify(have)) {
      await updateObject(info, { ...current, ...want, metadata: current.metadata } as KubeObject, current, ctx);
    }
  }
}

export const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.12.0';

function corednsDeployment(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          priorityClassName: 'system-cluster-critical',
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          ],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          dnsPolicy: 'Default',
          containers: [
            {
              name: 'coredns',
              image: COREDNS_IMAGE,
              args: ['-conf', '/etc/coredns/Corefile'],
              ports: [
                { containerPort: 53, name: 'dns', protocol: 'UDP' },
                { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
              ],
              resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' }, periodSeconds: 1 },
            },
          ],
        },
      },
    },
  };
}

function kubeDnsService(ip: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      selector: { 'k8s-app': 'kube-dns' },
      clusterIP: ip,
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
    },
  };
}

/** What kube-apiserver keeps reconciling: the `kubernetes` service and its endpoints, recreated if deleted. */
export async function reconcileKubernetesService(ctx: ServerContext, o: BootstrapOptions): Promise<void> {
  await ensure(ctx, '', 'services', kubernetesService(o));
  await reconcileKubernetesEndpoints(ctx, o);
}

function kubernetesService(o: BootstrapOptions): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: o.kubernetesServiceIP, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: o.securePort }] },
  };
}

export async function bootstrap(ctx: ServerContext, o: BootstrapOptions): Promise<void> {
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    await ensure(ctx, '', 'namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  await reconcileKubernetesService(ctx, o);
  await ensure(ctx, '', 'services', kubeDnsService(o.dnsServiceIP));
  await ensure(ctx, 'apps', 'deployments', corednsDeployment());
}
