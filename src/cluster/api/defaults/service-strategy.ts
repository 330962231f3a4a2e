// The Service registry strategy's create/update preparation
// (pkg/registry/core/service/strategy.go): keep clusterIP and clusterIPs in
// step, let a client re-send a manifest without the values we allocated, and
// drop type-specific fields when the type changes.

import type { Service } from '../types';
import { externallyAccessible, needsHealthCheck } from '../validation/service';

const needsClusterIP = (s: Service): boolean => s.spec?.type !== 'ExternalName';
const needsNodePort = (s: Service): boolean => s.spec?.type === 'NodePort' || s.spec?.type === 'LoadBalancer';
const same = <T>(a: T[] | undefined, b: T[] | undefined): boolean =>
  (a ?? []).length === (b ?? []).length && (a ?? []).every((x, i) => x === (b ?? [])[i]);
const nodePortsOf = (s: Service): number[] => (s.spec?.ports ?? []).map((p) => p.nodePort ?? 0);

/** NormalizeClusterIPs: old clients send only clusterIP, new ones both. */
export function normalizeClusterIPs(svc: Service, old?: Service): void {
  const s = (svc.spec ??= {});
  if (!old) {
    if (s.clusterIP && (s.clusterIPs ?? []).length === 0) s.clusterIPs = [s.clusterIP];
    return;
  }
  const o = old.spec ?? {};
  if ((o.clusterIPs ?? []).length > 0 && (s.clusterIPs ?? []).length === 0 && (o.clusterIP ?? '') === (s.clusterIP ?? '')) {
    s.clusterIPs = o.clusterIPs;
  }
  if ((o.clusterIP ?? '') !== (s.clusterIP ?? '')) {
    if (o.clusterIP && !s.clusterIP && same(o.clusterIPs, s.clusterIPs)) delete s.clusterIPs;
    if (s.clusterIP && same(o.clusterIPs, s.clusterIPs)) s.clusterIPs = [s.clusterIP];
  }
}

/** patchAllocatedValues: a re-sent manifest keeps the IPs and ports allocated before. */
export function patchAllocatedValues(svc: Service, old: Service): void {
  const s = (svc.spec ??= {});
  const o = old.spec ?? {};
  if (needsClusterIP(old) && needsClusterIP(svc)) {
    if (!s.clusterIP && o.clusterIP) s.clusterIP = o.clusterIP;
    if ((s.clusterIPs ?? []).length === 0 && (o.clusterIPs ?? []).length > 0) s.clusterIPs = o.clusterIPs;
  }
  if (needsNodePort(old) && needsNodePort(svc)) {
    const oldUsed = new Set(nodePortsOf(old).filter((n) => n !== 0));
    const used = new Set(nodePortsOf(svc).filter((n) => n !== 0 && oldUsed.has(n)));
    const byName = new Map((o.ports ?? []).map((p) => [p.name ?? '', p.nodePort ?? 0]));
    for (const p of s.ports ?? []) {
      if (p.nodePort) continue;
      const prev = byName.get(p.name ?? '') ?? 0;
      if (prev !== 0 && !used.has(prev)) p.nodePort = prev;
    }
  }
  if (needsHealthCheck(old) && needsHealthCheck(svc) && !s.healthCheckNodePort && o.healthCheckNodePort) {
    s.healthCheckNodePort = o.healthCheckNodePort;
  }
}

/** dropTypeDependentFields: forget what the old type allocated, unless the client changed it too. */
export function dropTypeDependentFields(svc: Service, old: Service): void {
  const s = (svc.spec ??= {});
  const o = old.spec ?? {};
  if (needsClusterIP(old) && !needsClusterIP(svc)) {
    if (same(o.clusterIPs, s.clusterIPs) && (o.clusterIP ?? '') === (s.clusterIP ?? '')) {
      delete s.clusterIP;
      delete s.clusterIPs;
    }
    if (same(o.ipFamilies, s.ipFamilies)) delete s.ipFamilies;
    if ((o.ipFamilyPolicy ?? null) === (s.ipFamilyPolicy ?? null)) delete s.ipFamilyPolicy;
  }
  // Ports may be added, removed or changed, as long as no net-new node port appears.
  const oldNodePorts = new Set(nodePortsOf(old));
  const noNewNodePorts = nodePortsOf(svc).every((n) => n === 0 || oldNodePorts.has(n));
  if (needsNodePort(old) && !needsNodePort(svc) && noNewNodePorts) {
    for (const p of s.ports ?? []) delete p.nodePort;
  }
  if (needsHealthCheck(old) && !needsHealthCheck(svc) && (o.healthCheckNodePort ?? 0) === (s.healthCheckNodePort ?? 0)) {
    delete s.healthCheckNodePort;
  }
  if (o.type === 'LoadBalancer' && s.type !== 'LoadBalancer'
    && typeof s.allocateLoadBalancerNodePorts === 'boolean' && s.allocateLoadBalancerNodePorts === o.allocateLoadBalancerNodePorts) {
    delete s.allocateLoadBalancerNodePorts;
  }
  if (o.type === 'LoadBalancer' && s.type !== 'LoadBalancer' && (o.loadBalancerClass ?? null) === (s.loadBalancerClass ?? null)) {
    delete s.loadBalancerClass;
  }
  if (externallyAccessible(old) && !externallyAccessible(svc) && (o.externalTrafficPolicy ?? '') === (s.externalTrafficPolicy ?? '')) {
    delete s.externalTrafficPolicy;
  }
}

export function prepareServiceForCreate(svc: Service): void {
  svc.status = { loadBalancer: {} };
  normalizeClusterIPs(svc);
}

export function prepareServiceForUpdate(svc: Service, old: Service): void {
  svc.status = structuredClone(old.status ?? { loadBalancer: {} });
  patchAllocatedValues(svc, old);
  normalizeClusterIPs(svc, old);
  dropTypeDependentFields(svc, old);
}
