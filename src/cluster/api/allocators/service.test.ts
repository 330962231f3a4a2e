import { describe, expect, it } from 'vitest';
import { applyDefaults, prepareForCreate, prepareForUpdate } from '../defaults';
import type { Service, ServiceSpec } from '../types';
import { newIPAllocator } from './ip';
import { newPortAllocator } from './port';
import { allocateServiceCreate, allocateServiceUpdate, releaseServiceAllocations, type ServiceAllocators } from './service';

// pkg/registry/core/service/storage/alloc.go on a single-stack IPv4 cluster;
// error texts as REFERENCE.md quotes them from kubectl.
const fresh = (): ServiceAllocators => ({ ips: newIPAllocator(), ports: newPortAllocator() });

function svc(spec: ServiceSpec, name = 'web'): Service {
  const s: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec };
  applyDefaults('Service', s);
  prepareForCreate('Service', s);
  return s;
}

function created(s: Service, allocs: ServiceAllocators): ServiceAllocators {
  const r = allocateServiceCreate(s, allocs, { random: () => 0.5 });
  if (!r.ok) throw new Error(r.status.message);
  return r.allocators;
}

describe('create', () => {
  it('allocates a cluster IP and fills the IP family fields', () => {
    const s = svc({ selector: { app: 'web' }, ports: [{ port: 80 }] });
    const a = created(s, fresh());
    expect(s.spec.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\./);
    expect(s.spec.clusterIPs).toEqual([s.spec.clusterIP]);
    expect(s.spec.ipFamilies).toEqual(['IPv4']);
    expect(s.spec.ipFamilyPolicy).toBe('SingleStack');
    expect(a.ips.allocated).toEqual([s.spec.clusterIP]);
  });

  it('refuses a taken cluster IP with kube-apiserver\'s message', () => {
    const a = created(svc({ clusterIP: '10.100.100.100', ports: [{ port: 80 }] }, 'first'), fresh());
    const r = allocateServiceCreate(svc({ clusterIP: '10.100.100.100', ports: [{ port: 80 }] }, 'second'), a);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.status.code).toBe(422);
    expect(r.status.message).toBe('Service "second" is invalid: spec.clusterIPs: Invalid value: ["10.100.100.100"]: failed to allocate IP 10.100.100.100: provided IP is already allocated');
  });

  it('refuses a cluster IP outside the service CIDR', () => {
    const r = allocateServiceCreate(svc({ clusterIP: '192.168.1.10', ports: [{ port: 80 }] }), fresh());
    expect(r.ok ? '' : r.status.message).toBe(
      'Service "web" is invalid: spec.clusterIPs: Invalid value: ["192.168.1.10"]: failed to allocate IP 192.168.1.10: the provided IP (192.168.1.10) is not in the valid range. The range of valid IPs is 10.96.0.0/12');
  });

  it('allocates or refuses node ports', () => {
    const a = created(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30200 }] }, 'first'), fresh());
    expect(a.ports.allocated).toEqual([30200]);
    const taken = allocateServiceCreate(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30200 }] }, 'second'), a);
    expect(taken.ok ? '' : taken.status.message).toBe('Service "second" is invalid: spec.ports[0].nodePort: Invalid value: 30200: provided port is already allocated');
    const outside = allocateServiceCreate(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 40000 }] }, 'third'), a);
    expect(outside.ok ? '' : outside.status.message).toBe(
      'Service "third" is invalid: spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767');
  });

  it('gives TCP and UDP on the same port one node port, and a health check port to Local load balancers', () => {
    const s = svc({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }] });
    const a = created(s, fresh());
    expect(s.spec.ports?.[0].nodePort).toBe(s.spec.ports?.[1].nodePort);
    expect(s.spec.healthCheckNodePort).toBeGreaterThanOrEqual(30000);
    expect(a.ports.allocated).toHaveLength(2);
  });

  it('takes nothing for headless and ExternalName services', () => {
    const h = svc({ clusterIP: 'None', selector: { app: 'web' }, ports: [{ port: 80 }] });
    expect(created(h, fresh()).ips.allocated).toEqual([]);
    expect(h.spec.ipFamilies).toEqual(['IPv4']);
    const e = svc({ type: 'ExternalName', externalName: 'example.com' });
    expect(created(e, fresh()).ips.allocated).toEqual([]);
    expect(e.spec.ipFamilies).toBeUndefined();
  });

  it('refuses what a single-stack IPv4 cluster cannot serve', () => {
    const v6 = allocateServiceCreate(svc({ clusterIP: 'fd00::10', ports: [{ port: 80 }] }), fresh());
    expect(v6.ok ? '' : v6.status.message).toBe('Service "web" is invalid: spec.clusterIPs[0]: Invalid value: ["fd00::10"]: IPv6 is not configured on this cluster');
    const dual = allocateServiceCreate(svc({ ipFamilyPolicy: 'RequireDualStack', ports: [{ port: 80 }] }), fresh());
    expect(dual.ok ? '' : dual.status.message).toBe('Service "web" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services');
  });

  it('leaves the allocators untouched when a later step fails', () => {
    const a = created(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30200 }] }, 'first'), fresh());
    const r = allocateServiceCreate(svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30200 }] }, 'second'), a);
    expect(r.ok).toBe(false);
    expect(a.ips.allocated).toHaveLength(1);
  });
});

describe('update and delete', () => {
  function update(next: Service, old: Service, allocs: ServiceAllocators): ServiceAllocators {
    applyDefaults('Service', next);
    prepareForUpdate('Service', next, old);
    const r = allocateServiceUpdate(next, old, allocs, { random: () => 0.5 });
    if (!r.ok) throw new Error(r.status.message);
    return r.allocators;
  }

  it('allocates node ports when ClusterIP becomes NodePort and releases them on the way back', () => {
    const old = svc({ ports: [{ port: 80 }] });
    let a = created(old, fresh());
    const np = structuredClone(old);
    np.spec.type = 'NodePort';
    a = update(np, old, a);
    const port = np.spec.ports?.[0].nodePort;
    expect(port).toBeGreaterThanOrEqual(30086);
    expect(a.ports.allocated).toEqual([port]);
    expect(np.spec.clusterIP).toBe(old.spec.clusterIP);
    const back = structuredClone(np);
    back.spec.type = 'ClusterIP';
    a = update(back, np, a);
    expect(a.ports.allocated).toEqual([]);
    expect(back.spec.ports?.[0].nodePort).toBeUndefined();
  });

  it('moves a node port when the client asks for another', () => {
    const old = svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30200 }] });
    let a = created(old, fresh());
    const next = structuredClone(old);
    next.spec.ports![0].nodePort = 30300;
    a = update(next, old, a);
    expect(a.ports.allocated).toEqual([30300]);
  });

  it('releases the cluster IP for ExternalName and takes one back the other way', () => {
    const old = svc({ ports: [{ port: 80 }] });
    let a = created(old, fresh());
    const ext = structuredClone(old);
    ext.spec.type = 'ExternalName';
    ext.spec.externalName = 'example.com';
    a = update(ext, old, a);
    expect(a.ips.allocated).toEqual([]);
    expect(ext.spec.clusterIP).toBeUndefined();
    const back = structuredClone(ext);
    back.spec.type = 'ClusterIP';
    a = update(back, ext, a);
    expect(a.ips.allocated).toEqual([back.spec.clusterIP]);
  });

  it('releases everything on delete', () => {
    const s = svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30200 }] });
    const a = created(s, fresh());
    expect(releaseServiceAllocations(s, a)).toEqual(fresh());
  });
});
