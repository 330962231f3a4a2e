// Services own cluster IPs and node ports: allocated on create and update,
// given back on delete, rebuilt from the stored services when the server starts.
import { allocateServiceCreate, allocateServiceUpdate, newIPAllocator, newPortAllocator, releaseServiceAllocations, type ServiceAllocators } from '../../api/allocators';
import { allocateIP, allocatePort } from '../../api/allocators';
import type { KubeObject, Service } from '../../api/types';
import type { Strategy } from '../context';
import { fail } from '../errors';

export interface ServiceRanges {
  serviceCIDR: string;
  nodePortRange: string;
  /** Addresses never handed out (the lab's host network). */
  excluded: string[];
}

export function serviceStrategy(ranges: ServiceRanges): Strategy & { rebuild(services: KubeObject[]): void } {
  let allocators: ServiceAllocators = { ips: newIPAllocator(ranges.serviceCIDR, ranges.excluded), ports: newPortAllocator(ranges.nodePortRange) };
  // Allocations of a create or update that has not committed yet, to undo on failure.
  const pending = new WeakMap<KubeObject, ServiceAllocators>();

  return {
    rebuild(services) {
      let a: ServiceAllocators = { ips: newIPAllocator(ranges.serviceCIDR, ranges.excluded), ports: newPortAllocator(ranges.nodePortRange) };
      for (const svc of services as Service[]) {
        for (const ip of svc.spec?.clusterIPs ?? []) {
          const r = ip && ip !== 'None' ? allocateIP(a.ips, ip) : undefined;
          if (r?.ok) a = { ...a, ips: r.state };
        }
        for (const port of svc.spec?.ports ?? []) {
          const r = port.nodePort ? allocatePort(a.ports, port.nodePort) : undefined;
          if (r?.ok) a = { ...a, ports: r.state };
        }
        if (svc.spec?.healthCheckNodePort) {
          const r = allocatePort(a.ports, svc.spec.healthCheckNodePort);
          if (r.ok) a = { ...a, ports: r.state };
        }
      }
      allocators = a;
    },
    prepareForCreate(object) {
      const before = allocators;
      const r = allocateServiceCreate(object as Service, allocators);
      if (!r.ok) fail(r.status);
      allocators = r.allocators;
      pending.set(object, before);
    },
    abortCreate(object) {
      // Give back exactly what this create took.
      allocators = releaseServiceAllocations(object as Service, allocators);
      pending.delete(object);
    },
    prepareForUpdate(object, old) {
      const before = allocators;
      const r = allocateServiceUpdate(object as Service, old as Service, allocators);
      if (!r.ok) fail(r.status);
      allocators = r.allocators;
      pending.set(object, before);
    },
    abortUpdate(object) {
      const before = pending.get(object);
      if (before) allocators = before;
      pending.delete(object);
    },
    afterUpdate(object) {
      pending.delete(object);
    },
    afterDelete(object) {
      allocators = releaseServiceAllocations(object as Service, allocators);
    },
  };
}
