import { describe, expect, it } from 'vitest';
import type { Service, ServiceSpec } from '../types';
import { dropTypeDependentFields, normalizeClusterIPs, patchAllocatedValues } from './service-strategy';

// pkg/registry/core/service/strategy.go: NormalizeClusterIPs, patchAllocatedValues,
// dropTypeDependentFields.
const s = (spec: ServiceSpec): Service => ({ metadata: { name: 'web' }, spec });

describe('service update preparation', () => {
  it('mirrors a changed clusterIP into clusterIPs so validation sees the change', () => {
    const old = s({ clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.20'] });
    const next = s({ clusterIP: '10.96.0.30', clusterIPs: ['10.96.0.20'] });
    normalizeClusterIPs(next, old);
    expect(next.spec.clusterIPs).toEqual(['10.96.0.30']);
  });

  it('keeps allocated values a re-sent manifest omits, node ports by port name', () => {
    const old = s({ type: 'NodePort', clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.20'], ports: [{ name: 'http', port: 80, nodePort: 30200 }, { name: 'https', port: 443, nodePort: 30443 }] });
    const next = s({ type: 'NodePort', ports: [{ name: 'https', port: 443 }, { name: 'http', port: 8080 }] });
    patchAllocatedValues(next, old);
    expect(next.spec.clusterIP).toBe('10.96.0.20');
    expect(next.spec.ports?.map((p) => p.nodePort)).toEqual([30443, 30200]);
  });

  it('drops node ports and traffic policy when NodePort becomes ClusterIP, unless new ones were asked for', () => {
    const old = s({ type: 'NodePort', externalTrafficPolicy: 'Cluster', ports: [{ port: 80, nodePort: 30200 }] });
    const same = s({ type: 'ClusterIP', externalTrafficPolicy: 'Cluster', ports: [{ port: 80, nodePort: 30200 }] });
    dropTypeDependentFields(same, old);
    expect(same.spec.ports?.[0].nodePort).toBeUndefined();
    expect(same.spec.externalTrafficPolicy).toBeUndefined();
    const changed = s({ type: 'ClusterIP', ports: [{ port: 80, nodePort: 30201 }] });
    dropTypeDependentFields(changed, old);
    expect(changed.spec.ports?.[0].nodePort).toBe(30201);
  });

  it('drops cluster IPs and families when a service becomes ExternalName', () => {
    const old = s({ clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.20'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    const next = s({ ...structuredClone(old.spec), type: 'ExternalName', externalName: 'example.com' });
    dropTypeDependentFields(next, old);
    expect(next.spec).toEqual({ type: 'ExternalName', externalName: 'example.com' });
  });
});
