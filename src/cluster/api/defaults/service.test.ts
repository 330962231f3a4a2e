import { describe, expect, it } from 'vitest';
import type { Service, ServiceSpec } from '../types';
import { applyDefaults, prepareForCreate } from './index';

// SetDefaults_Service (pkg/apis/core/v1/defaults.go) and the service strategy's
// PrepareForCreate (status reset, clusterIPs from clusterIP).
const svc = (spec: ServiceSpec): Service => {
  const s: Service = { metadata: { name: 'web', namespace: 'default' }, spec };
  applyDefaults('Service', s);
  prepareForCreate('Service', s);
  return s;
};

describe('Service defaults', () => {
  it('fills a ClusterIP service', () => {
    expect(svc({ selector: { app: 'web' }, ports: [{ port: 80 }], clusterIP: '10.100.100.100' })).toEqual({
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
        clusterIP: '10.100.100.100', clusterIPs: ['10.100.100.100'],
        type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster',
      },
      status: { loadBalancer: {} },
    });
  });

  it('adds externalTrafficPolicy to NodePort and LoadBalancer, and allocateLoadBalancerNodePorts to the latter', () => {
    expect(svc({ type: 'NodePort', ports: [{ port: 80 }] }).spec).toMatchObject({ externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' });
    const lb = svc({ type: 'LoadBalancer', ports: [{ port: 80, targetPort: 'http' }] }).spec;
    expect(lb).toMatchObject({ externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true });
    expect(lb.ports?.[0].targetPort).toBe('http');
  });

  it('gives ClientIP affinity its 3-hour timeout and drops config under None', () => {
    expect(svc({ ports: [{ port: 80 }], sessionAffinity: 'ClientIP' }).spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
    expect(svc({ ports: [{ port: 80 }], sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } } }).spec.sessionAffinityConfig).toBeUndefined();
  });

  it('leaves traffic policies off ExternalName services', () => {
    const s = svc({ type: 'ExternalName', externalName: 'example.com' }).spec;
    expect(s.internalTrafficPolicy).toBeUndefined();
    expect(s.externalTrafficPolicy).toBeUndefined();
  });
});
