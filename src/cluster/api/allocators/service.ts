// What the Service REST storage does around the allocators
// (pkg/registry/core/service/storage/alloc.go) on a single-stack IPv4 cluster:
// fill in ipFamilies/ipFamilyPolicy, allocate or keep cluster IPs and node
// ports on create and update, release them on delete. Each call returns the
// new allocator state or the Status to answer; on failure nothing was taken,
// so the caller simply keeps its old state (upstream's transaction revert).

import { fieldErrors as fe, FieldPath, statusErrors, type FieldError } from '../errors';
import type { Service, Status } from '../types';
import { ipFamilyOf } from '../validation/ip';
import { needsHealthCheck } from '../validation/service';
import { validateServiceClusterIPsRelatedFields } from '../validation/service-ips';
import { allocateIP, allocateNextIP, releaseIP, type IPAllocatorState } from './ip';
import { allocateNextPort, allocatePort, releasePort, type PortAllocatorState } from './port';
import type { Random } from './scan';

export interface ServiceAllocators {
  ips: IPAllocatorState;
  ports: PortAllocatorState;
}

export type ServiceAllocResult = { ok: true; allocators: ServiceAllocators } | { ok: false; status: Status };

export interface AllocOptions {
  random?: Random;
}

const CLUSTER_FAMILY = 'IPv4';
const specPath = FieldPath.of('spec');

function invalid(svc: Service, errs: FieldError[]): ServiceAllocResult {
  return { ok: false, status: statusErrors.invalid({ group: '', kind: 'Service' }, svc.metadata?.name ?? '', errs) };
}

const internal = (msg: string): ServiceAllocResult => ({ ok: false, status: statusErrors.internalError(msg) });
const sameList = (a: string[] | undefined, b: string[] | undefined): boolean =>
  (a ?? []).length === (b ?? []).length && (a ?? []).every((x, i) => x === (b ?? [])[i]);

/** initIPFamilyFields. Returns a failure, or undefined when the fields are settled. */
function initIPFamilyFields(svc: Service, old: Service | undefined): ServiceAllocResult | undefined {
  const s = svc.spec ?? (svc.spec = {});
  if (s.type === 'ExternalName') return undefined;
  if (s.ipFamilyPolicy === undefined || s.ipFamilyPolicy === null) {
    if (old?.spec?.ipFamilyPolicy) s.ipFamilyPolicy = old.spec.ipFamilyPolicy;
    else if (s.clusterIP === 'None' && Object.keys(s.selector ?? {}).length === 0) s.ipFamilyPolicy = 'RequireDualStack';
    else s.ipFamilyPolicy = 'SingleStack';
  }
  const pre = validateServiceClusterIPsRelatedFields(svc);
  if (pre.length > 0) return invalid(svc, pre);

  const errs: FieldError[] = [];
  const policyPath = specPath.child('ipFamilyPolicy');
  if (old) {
    if (s.ipFamilyPolicy === 'SingleStack') {
      if (sameList(old.spec?.clusterIPs, s.clusterIPs) && (s.clusterIPs ?? []).length > 1) s.clusterIPs = s.clusterIPs!.slice(0, 1);
      if (sameList(old.spec?.ipFamilies, s.ipFamilies) && (s.ipFamilies ?? []).length > 1) s.ipFamilies = s.ipFamilies!.slice(0, 1);
    } else {
      if ((s.clusterIPs ?? []).length < (old.spec?.clusterIPs ?? []).length && (s.clusterIPs ?? []).length > 0) {
        errs.push(fe.invalid(policyPath, s.ipFamilyPolicy, "must be 'SingleStack' to release the secondary cluster IP"));
      }
      if ((s.ipFamilies ?? []).length < (old.spec?.ipFamilies ?? []).length && (s.ipFamilies ?? []).length > 0) {
        errs.push(fe.invalid(policyPath, s.ipFamilyPolicy, "must be 'SingleStack' to release the secondary IP family"));
      }
    }
  }
  if (s.ipFamilyPolicy === 'SingleStack') {
    if ((s.clusterIPs ?? []).length === 2) {
      errs.push(fe.invalid(policyPath, s.ipFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
    }
    if ((s.ipFamilies ?? []).length === 2) {
      errs.push(fe.invalid(policyPath, s.ipFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
    }
  }
  const ips = s.clusterIPs ?? [];
  for (let i = 0; i < ips.length && ips[i] !== 'None'; i++) {
    if (i < (s.ipFamilies ?? []).length) continue;
    const fam = ipFamilyOf(ips[i]) ?? CLUSTER_FAMILY;
    if (fam !== CLUSTER_FAMILY) errs.push(fe.invalid(specPath.child('clusterIPs').index(i), ips, `${fam} is not configured on this cluster`));
    else s.ipFamilies = [...(s.ipFamilies ?? []), fam];
  }
  if (errs.length > 0) return invalid(svc, errs);

  if (s.clusterIP === 'None' && Object.keys(s.selector ?? {}).length === 0) {
    // Headless and selectorless services may carry both families even here.
    if ((s.ipFamilies ?? []).length === 0) s.ipFamilies = [CLUSTER_FAMILY];
    if (s.ipFamilies!.length < 2 && s.ipFamilyPolicy !== 'SingleStack') {
      s.ipFamilies = [...s.ipFamilies!, s.ipFamilies![0] === 'IPv4' ? 'IPv6' : 'IPv4'];
    }
    return undefined;
  }
  if (s.ipFamilyPolicy === 'RequireDualStack') {
    errs.push(fe.invalid(policyPath, s.ipFamilyPolicy, 'this cluster is not configured for dual-stack services'));
  }
  (s.ipFamilies ?? []).forEach((fam, i) => {
    if (fam !== CLUSTER_FAMILY) errs.push(fe.invalid(specPath.child('ipFamilies').index(i), fam, 'not configured on this cluster'));
  });
  if (errs.length > 0) return invalid(svc, errs);
  if ((s.ipFamilies ?? []).length === 0) s.ipFamilies = [CLUSTER_FAMILY];
  return undefined;
}

/** allocClusterIPs: the one IPv4 address of a non-headless, non-ExternalName service. */
function allocClusterIPs(svc: Service, ips: IPAllocatorState, random: Random): { ips: IPAllocatorState } | { fail: ServiceAllocResult } {
  const s = svc.spec!;
  if (s.type === 'ExternalName') return { ips };
  if ((s.clusterIPs ?? [])[0] === 'None') return { ips };
  const wanted = (s.clusterIPs ?? [])[0] ?? '';
  if (wanted === '') {
    const r = allocateNextIP(ips, random);
    if (!r.ok) return { fail: internal(`failed to allocate a serviceIP: ${r.error.message}`) };
    s.clusterIP = r.ip;
    s.clusterIPs = [r.ip, ...(s.clusterIPs ?? []).slice(1)];
    return { ips: r.state };
  }
  const r = allocateIP(ips, wanted);
  if (!r.ok) {
    return { fail: invalid(svc, [fe.invalid(specPath.child('clusterIPs'), s.clusterIPs, `failed to allocate IP ${wanted}: ${r.error.message}`)]) };
  }
  s.clusterIP = wanted;
  return { ips: r.state };
}

function shouldAllocateNodePorts(svc: Service): boolean {
  if (svc.spec?.type === 'NodePort') return true;
  if (svc.spec?.type === 'LoadBalancer') return svc.spec.allocateLoadBalancerNodePorts !== false;
  return false;
}

const nodePortPath = (i: number): FieldPath => specPath.child('ports').index(i).child('nodePort');
const collectNodePorts = (svc: Service): number[] => (svc.spec?.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n !== 0);

/** initNodePorts: ports sharing a port number share one node port. */
function initNodePorts(svc: Service, ports: PortAllocatorState, random: Random): { ports: PortAllocatorState } | { fail: ServiceAllocResult } {
  const sp = svc.spec!.ports ?? [];
  const byServicePort = new Map<number, number>();
  let state = ports;
  for (let i = 0; i < sp.length; i++) {
    const p = sp[i];
    if (!p.nodePort && !shouldAllocateNodePorts(svc)) continue;
    const known = byServicePort.get(p.port) ?? 0;
    if (known === 0) {
      const requested = sp.find((q) => q.port === p.port && q.nodePort)?.nodePort ?? 0;
      if (requested !== 0) {
        const r = allocatePort(state, requested);
        if (!r.ok) return { fail: invalid(svc, [fe.invalid(nodePortPath(i), requested, r.error.message)]) };
        state = r.state;
        p.nodePort = requested;
        byServicePort.set(p.port, requested);
      } else {
        const r = allocateNextPort(state, random);
        if (!r.ok) return { fail: internal(`failed to allocate a nodePort: ${r.error.message}`) };
        state = r.state;
        p.nodePort = r.port;
        byServicePort.set(p.port, r.port);
      }
    } else if (p.nodePort !== known) {
      if (!p.nodePort) {
        p.nodePort = known;
      } else {
        const r = allocatePort(state, p.nodePort);
        if (!r.ok) return { fail: invalid(svc, [fe.invalid(nodePortPath(i), p.nodePort, r.error.message)]) };
        state = r.state;
      }
    }
  }
  return { ports: state };
}

function allocHealthCheckNodePort(svc: Service, ports: PortAllocatorState, random: Random): { ports: PortAllocatorState } | { fail: ServiceAllocResult } {
  const s = svc.spec!;
  if (s.healthCheckNodePort) {
    const r = allocatePort(ports, s.healthCheckNodePort);
    if (!r.ok) return { fail: internal(`failed to allocate requested HealthCheck NodePort ${s.healthCheckNodePort}: ${r.error.message}`) };
    return { ports: r.state };
  }
  const r = allocateNextPort(ports, random);
  if (!r.ok) return { fail: internal(`failed to allocate a HealthCheck NodePort 0: ${r.error.message}`) };
  s.healthCheckNodePort = r.port;
  return { ports: r.state };
}

/** allocateCreate: call after validation passed; mutates `svc` with what was allocated. */
export function allocateServiceCreate(svc: Service, allocs: ServiceAllocators, opts: AllocOptions = {}): ServiceAllocResult {
  const random = opts.random ?? Math.random;
  const failed = initIPFamilyFields(svc, undefined);
  if (failed) return failed;
  const ip = allocClusterIPs(svc, allocs.ips, random);
  if ('fail' in ip) return ip.fail;
  let ports = allocs.ports;
  if (svc.spec!.type === 'NodePort' || svc.spec!.type === 'LoadBalancer') {
    const np = initNodePorts(svc, ports, random);
    if ('fail' in np) return np.fail;
    ports = np.ports;
  }
  if (needsHealthCheck(svc)) {
    const hc = allocHealthCheckNodePort(svc, ports, random);
    if ('fail' in hc) return hc.fail;
    ports = hc.ports;
  }
  return { ok: true, allocators: { ips: ip.ips, ports } };
}

function releaseClusterIPs(svc: Service, ips: IPAllocatorState): IPAllocatorState {
  if (svc.spec?.type === 'ExternalName') return ips;
  return (svc.spec?.clusterIPs ?? []).filter((ip) => ip !== 'None' && ip !== '').reduce(releaseIP, ips);
}

/** updateNodePorts: keep the old ports still in use, take new ones, give back the rest. */
function updateNodePorts(svc: Service, old: Service, ports: PortAllocatorState, random: Random): { ports: PortAllocatorState } | { fail: ServiceAllocResult } {
  const oldPorts = collectNodePorts(old);
  const takenNow = new Set<number>();
  const seen = new Set<string>();
  let state = ports;
  const sp = svc.spec!.ports ?? [];
  for (let i = 0; i < sp.length; i++) {
    const p = sp[i];
    if (!p.nodePort && !shouldAllocateNodePorts(svc)) continue;
    if (p.nodePort) {
      if (!oldPorts.includes(p.nodePort) && !takenNow.has(p.nodePort)) {
        const r = allocatePort(state, p.nodePort);
        if (!r.ok) return { fail: invalid(svc, [fe.invalid(nodePortPath(i), p.nodePort, r.error.message)]) };
        state = r.state;
        takenNow.add(p.nodePort);
      }
    } else {
      const r = allocateNextPort(state, random);
      if (!r.ok) return { fail: internal(`failed to allocate a nodePort: ${r.error.message}`) };
      state = r.state;
      p.nodePort = r.port;
    }
    const key = `${p.protocol ?? ''}/${p.nodePort}`;
    if (seen.has(key)) return { fail: internal(`duplicate nodePort: {${p.protocol ?? ''} ${p.nodePort}}`) };
    seen.add(key);
  }
  const now = collectNodePorts(svc);
  for (const n of oldPorts) if (!now.includes(n)) state = releasePort(state, n);
  return { ports: state };
}

/** allocateUpdate: call after validation passed; `svc` is the prepared new object. */
export function allocateServiceUpdate(svc: Service, old: Service, allocs: ServiceAllocators, opts: AllocOptions = {}): ServiceAllocResult {
  const random = opts.random ?? Math.random;
  const failed = initIPFamilyFields(svc, old);
  if (failed) return failed;

  let ips = allocs.ips;
  const oldType = old.spec?.type;
  const newType = svc.spec!.type;
  if (oldType === 'ExternalName' && newType !== 'ExternalName') {
    const r = allocClusterIPs(svc, ips, random);
    if ('fail' in r) return r.fail;
    ips = r.ips;
  } else if ((old.spec?.clusterIPs ?? [])[0] !== 'None' && oldType !== 'ExternalName' && newType === 'ExternalName') {
    ips = releaseClusterIPs(old, ips);
  }

  let ports = allocs.ports;
  const oldNodePorted = oldType === 'NodePort' || oldType === 'LoadBalancer';
  if (oldNodePorted && (newType === 'ExternalName' || newType === 'ClusterIP')) {
    for (const n of collectNodePorts(old)) ports = releasePort(ports, n);
  }
  if (newType === 'NodePort' || newType === 'LoadBalancer') {
    const r = updateNodePorts(svc, old, ports, random);
    if ('fail' in r) return r.fail;
    ports = r.ports;
  }

  const needed = needsHealthCheck(old);
  const needs = needsHealthCheck(svc);
  if (!needed && needs) {
    const r = allocHealthCheckNodePort(svc, ports, random);
    if ('fail' in r) return r.fail;
    ports = r.ports;
  } else if (needed && !needs) {
    if (old.spec?.healthCheckNodePort) ports = releasePort(ports, old.spec.healthCheckNodePort);
    delete svc.spec!.healthCheckNodePort;
  }
  return { ok: true, allocators: { ips, ports } };
}

/** releaseAllocatedResources: what deleting the service gives back. */
export function releaseServiceAllocations(svc: Service, allocs: ServiceAllocators): ServiceAllocators {
  let ports = collectNodePorts(svc).reduce(releasePort, allocs.ports);
  if (svc.spec?.healthCheckNodePort) ports = releasePort(ports, svc.spec.healthCheckNodePort);
  return { ips: releaseClusterIPs(svc, allocs.ips), ports };
}
