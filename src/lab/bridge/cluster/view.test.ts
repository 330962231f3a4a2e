import { describe, expect, it } from 'vitest';
import { clusterObjects, externalIP, podStatus } from './view';

const pod = (name: string, extra: object = {}) => ({
  metadata: { name, namespace: 'default', labels: { app: 'webui' } },
  spec: { nodeName: 'node1', containers: [{ name: 'web' }] },
  status: { phase: 'Running', podIP: '10.244.1.2', containerStatuses: [{ ready: true, restartCount: 2, state: { running: {} } }] },
  ...extra,
});

describe('cluster view', () => {
  it('shows pods as kubectl does', () => {
    const { pods } = clusterObjects({ nodes: [], pods: [pod('webui-b'), pod('webui-a')], services: [], slices: [] });
    expect(pods.map((p) => p.name)).toEqual(['webui-a', 'webui-b']);
    expect(pods[0]).toMatchObject({ node: 'node1', ip: '10.244.1.2', status: 'Running', ready: '1/1', restarts: 2 });
  });

  it('names the waiting reason while a pod starts, and Terminating while it goes', () => {
    expect(podStatus({ status: { phase: 'Pending', containerStatuses: [{ state: { waiting: { reason: 'ContainerCreating' } } }] } })).toBe('ContainerCreating');
    expect(podStatus({ metadata: { deletionTimestamp: 'x' }, status: { phase: 'Running' } })).toBe('Terminating');
  });

  it('joins a Service with its EndpointSlices', () => {
    const svc = { metadata: { name: 'webui', namespace: 'default' }, spec: { type: 'NodePort', clusterIP: '10.100.100.100', selector: { app: 'webui' }, ports: [{ port: 80, targetPort: 80, nodePort: 30200, protocol: 'TCP' }] } };
    const slice = {
      metadata: { name: 'webui-x', namespace: 'default', labels: { 'kubernetes.io/service-name': 'webui' } },
      ports: [{ port: 80 }],
      endpoints: [
        { addresses: ['10.244.2.3'], conditions: { ready: true }, nodeName: 'node2', targetRef: { kind: 'Pod', name: 'webui-b' } },
        { addresses: ['10.244.1.2'], conditions: { ready: false }, nodeName: 'node1', targetRef: { kind: 'Pod', name: 'webui-a' } },
      ],
    };
    const other = { ...slice, metadata: { ...slice.metadata, namespace: 'other' } };
    const { services } = clusterObjects({ nodes: [], pods: [], services: [svc], slices: [slice, other] });
    expect(services[0]).toMatchObject({ type: 'NodePort', clusterIP: '10.100.100.100', externalIP: '<none>' });
    expect(services[0]!.ports[0]).toMatchObject({ port: 80, nodePort: 30200, targetPort: '80' });
    expect(services[0]!.endpoints).toEqual([
      { ip: '10.244.1.2', ready: false, pod: 'webui-a', node: 'node1', ports: [80] },
      { ip: '10.244.2.3', ready: true, pod: 'webui-b', node: 'node2', ports: [80] },
    ]);
  });

  it('prints EXTERNAL-IP per type', () => {
    expect(externalIP({ spec: { type: 'LoadBalancer' } })).toBe('<pending>');
    expect(externalIP({ spec: { type: 'LoadBalancer' }, status: { loadBalancer: { ingress: [{ ip: '10.100.0.240' }] } } })).toBe('10.100.0.240');
    expect(externalIP({ spec: { type: 'ExternalName', externalName: 'www.example.com' } })).toBe('www.example.com');
    expect(externalIP({ spec: { type: 'ClusterIP' } })).toBe('<none>');
  });
});
