// Services on create and update (ValidateService, validateServicePort,
// ValidateServiceUpdate in pkg/apis/core/validation/validation.go). Allocation
// errors (taken clusterIP or nodePort, out of range) come later, from the
// allocators, exactly as upstream validates before it allocates.

import { fieldErrors as fe, FieldPath, goStruct, type FieldError } from '../errors';
import type { Service, ServicePort } from '../types';
import { validateDNS1123Label } from './container';
import { isValidCIDR, isValidIP, validateNonSpecialIP } from './ip';
import { validateLabels } from './labels';
import { validateObjectMeta, validateObjectMetaUpdate } from './metadata';
import { isDNS1123Subdomain, isQualifiedName, isValidPortNum, nameIsDNS1035Label } from './names';
import { validatePortNumOrName } from './probe';
import {
  isHeadlessService, validateServiceClusterIPsRelatedFields, validateUpgradeDowngradeClusterIPs,
  validateUpgradeDowngradeIPFamilies,
} from './service-ips';

const metaPath = FieldPath.of('metadata');
const specPath = FieldPath.of('spec');

export const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const SESSION_AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;
const TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';
const TOPOLOGY_HINTS = 'service.kubernetes.io/topology-aware-hints';
const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

/** apiservice.ExternallyAccessible. */
export function externallyAccessible(svc: Service): boolean {
  const t = svc.spec?.type;
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && (svc.spec?.externalIPs ?? []).length > 0);
}

/** apiservice.NeedsHealthCheck. */
export function needsHealthCheck(svc: Service): boolean {
  return svc.spec?.type === 'LoadBalancer' && svc.spec?.externalTrafficPolicy === 'Local';
}

function validateServicePort(sp: ServicePort, requireName: boolean, names: Set<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = sp.name ?? '';
  if (requireName && name === '') {
    errs.push(fe.required(path.child('name')));
  } else if (name !== '') {
    errs.push(...validateDNS1123Label(name, path.child('name')));
    if (names.has(name)) errs.push(fe.duplicate(path.child('name'), name));
    else names.add(name);
  }
  const port = Number(sp.port ?? 0);
  for (const msg of isValidPortNum(port)) errs.push(fe.invalid(path.child('port'), port, msg));
  const protocol = sp.protocol ?? '';
  if (protocol === '') errs.push(fe.required(path.child('protocol')));
  else if (!PROTOCOLS.includes(protocol)) errs.push(fe.notSupported(path.child('protocol'), protocol, PROTOCOLS));
  errs.push(...validatePortNumOrName(sp.targetPort ?? 0, path.child('targetPort')));
  if (sp.appProtocol !== undefined && sp.appProtocol !== null) {
    for (const msg of isQualifiedName(sp.appProtocol)) errs.push(fe.invalid(path.child('appProtocol'), sp.appProtocol, msg));
  }
  return errs;
}

function validateClientIPAffinityConfig(svc: Service, path: FieldPath): FieldError[] {
  const detail = 'when session affinity type is ClientIP';
  const cfg = svc.spec?.sessionAffinityConfig;
  if (!cfg) return [fe.required(path, detail)];
  if (!cfg.clientIP) return [fe.required(path.child('clientIP'), detail)];
  const t = cfg.clientIP.timeoutSeconds;
  if (t === undefined || t === null) return [fe.required(path.child('clientIP', 'timeoutSeconds'), detail)];
  if (t <= 0 || t > MAX_CLIENT_IP_AFFINITY_SECONDS) {
    return [fe.invalid(path.child('clientIP', 'timeoutSeconds'), t, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`)];
  }
  return [];
}

function validateExternalTrafficPolicy(svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const s = svc.spec ?? {};
  const etp = s.externalTrafficPolicy ?? '';
  if (!externallyAccessible(svc)) {
    if (etp !== '') errs.push(fe.invalid(specPath.child('externalTrafficPolicy'), etp, 'may only be set for externally-accessible services'));
  } else if (etp === '') {
    errs.push(fe.required(specPath.child('externalTrafficPolicy')));
  } else if (!TRAFFIC_POLICIES.includes(etp)) {
    errs.push(fe.notSupported(specPath.child('externalTrafficPolicy'), etp, TRAFFIC_POLICIES));
  }
  const hc = s.healthCheckNodePort ?? 0;
  if (!needsHealthCheck(svc)) {
    if (hc !== 0) {
      errs.push(fe.invalid(specPath.child('healthCheckNodePort'), hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
    }
  } else if (hc === 0) {
    errs.push(fe.required(specPath.child('healthCheckNodePort')));
  } else {
    for (const msg of isValidPortNum(hc)) errs.push(fe.invalid(specPath.child('healthCheckNodePort'), hc, msg));
  }
  return errs;
}

function validateLoadBalancerClass(old: Service | undefined, svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  const cls = svc.spec?.loadBalancerClass;
  const path = specPath.child('loadBalancerClass');
  const isLB = (x: Service): boolean => x.spec?.type === 'LoadBalancer';
  if (old && isLB(old) && isLB(svc) && (old.spec?.loadBalancerClass ?? null) !== (cls ?? null)) {
    errs.push(fe.invalid(path, cls ?? null, 'may not change once set'));
  }
  if (isLB(svc)) {
    if (cls !== undefined && cls !== null) for (const msg of isQualifiedName(cls)) errs.push(fe.invalid(path, cls, msg));
  } else if (cls !== undefined && cls !== null) {
    errs.push(fe.forbidden(path, "may only be used when `type` is 'LoadBalancer'"));
  }
  return errs;
}

export function validateService(svc: Service): FieldError[] {
  const errs = validateObjectMeta(svc.metadata, true, nameIsDNS1035Label, metaPath);
  const ann = svc.metadata?.annotations ?? {};
  if (TOPOLOGY_MODE in ann && TOPOLOGY_HINTS in ann && ann[TOPOLOGY_MODE] !== ann[TOPOLOGY_HINTS]) {
    errs.push(fe.invalid(metaPath.child('annotations').key(TOPOLOGY_MODE), ann[TOPOLOGY_MODE], `must match annotations[${TOPOLOGY_HINTS}] when both are specified`));
  }
  const s = svc.spec ?? {};
  const ports = s.ports ?? [];
  const headless = isHeadlessService(svc);
  if (ports.length === 0 && !headless && s.type !== 'ExternalName') errs.push(fe.required(specPath.child('ports')));

  switch (s.type) {
    case 'LoadBalancer':
    case 'NodePort':
      if (headless) {
        errs.push(fe.invalid(specPath.child('clusterIPs').index(0), s.clusterIPs![0], `may not be set to 'None' for ${s.type} services`));
      }
      break;
    case 'ExternalName': {
      if ((s.clusterIPs ?? []).length > 0) errs.push(fe.forbidden(specPath.child('clusterIPs'), 'may not be set for ExternalName services'));
      if ((s.ipFamilies ?? []).length > 0) errs.push(fe.forbidden(specPath.child('ipFamilies'), 'may not be set for ExternalName services'));
      if (s.ipFamilyPolicy !== undefined && s.ipFamilyPolicy !== null) {
        errs.push(fe.forbidden(specPath.child('ipFamilyPolicy'), 'may not be set for ExternalName services'));
      }
      // A CNAME may end with a dot to mark it fully qualified.
      const cname = (s.externalName ?? '').replace(/\.$/, '');
      if (cname.length > 0) {
        for (const msg of isDNS1123Subdomain(cname)) errs.push(fe.invalid(specPath.child('externalName'), cname, msg));
      } else {
        errs.push(fe.required(specPath.child('externalName')));
      }
      break;
    }
  }

  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, specPath.child('ports').index(i))));

  if (s.selector !== undefined && s.selector !== null) errs.push(...validateLabels(s.selector, specPath.child('selector')));

  const affinity = s.sessionAffinity ?? '';
  if (affinity === '') errs.push(fe.required(specPath.child('sessionAffinity')));
  else if (!SESSION_AFFINITIES.includes(affinity)) errs.push(fe.notSupported(specPath.child('sessionAffinity'), affinity, SESSION_AFFINITIES));
  if (affinity === 'ClientIP') {
    errs.push(...validateClientIPAffinityConfig(svc, specPath.child('sessionAffinityConfig')));
  } else if (affinity === 'None' && s.sessionAffinityConfig) {
    errs.push(fe.forbidden(specPath.child('sessionAffinityConfig'), 'must not be set when session affinity is None'));
  }

  errs.push(...validateServiceClusterIPsRelatedFields(svc));

  (s.externalIPs ?? []).forEach((ip, i) => {
    const p = specPath.child('externalIPs').index(i);
    const bad = isValidIP(p, ip);
    errs.push(...(bad.length > 0 ? bad : validateNonSpecialIP(ip, p)));
  });

  const type = s.type ?? '';
  if (type === '') errs.push(fe.required(specPath.child('type')));
  else if (!SERVICE_TYPES.includes(type)) errs.push(fe.notSupported(specPath.child('type'), type, SERVICE_TYPES));

  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if ((p.nodePort ?? 0) !== 0) errs.push(fe.forbidden(specPath.child('ports').index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }

  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const np = p.nodePort ?? 0;
    if (np === 0) return;
    const key = `${p.protocol ?? ''}/${np}`;
    if (nodePorts.has(key)) errs.push(fe.duplicate(specPath.child('ports').index(i).child('nodePort'), np));
    nodePorts.add(key);
  });

  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol ?? ''}/${p.port ?? 0}`;
    if (portKeys.has(key)) {
      // The key is an internal core.ServicePort with only protocol and port set.
      errs.push(fe.duplicate(specPath.child('ports').index(i),
        goStruct({ Name: '', Protocol: p.protocol ?? '', AppProtocol: null, Port: p.port ?? 0, TargetPort: 0, NodePort: 0 })));
    }
    portKeys.add(key);
  });

  const ranges = s.loadBalancerSourceRanges ?? [];
  if (ranges.length > 0) {
    // Upstream's path really is capitalised here.
    const path = specPath.child('LoadBalancerSourceRanges');
    if (type !== 'LoadBalancer') errs.push(fe.forbidden(path, "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((r, i) => errs.push(...isValidCIDR(path.index(i), r.trim())));
  } else if (SOURCE_RANGES_ANNOTATION in ann) {
    const path = metaPath.child('annotations').key(SOURCE_RANGES_ANNOTATION);
    if (type !== 'LoadBalancer') errs.push(fe.forbidden(path, "may only be used when `type` is 'LoadBalancer'"));
    const val = ann[SOURCE_RANGES_ANNOTATION].trim();
    if (val !== '') for (const r of val.split(',')) errs.push(...isValidCIDR(path, r.trim()));
  }

  if (s.allocateLoadBalancerNodePorts !== undefined && s.allocateLoadBalancerNodePorts !== null && type !== 'LoadBalancer') {
    errs.push(fe.forbidden(specPath.child('allocateLoadBalancerNodePorts'), "may only be used when `type` is 'LoadBalancer'"));
  }
  if (type === 'LoadBalancer' && (s.allocateLoadBalancerNodePorts === undefined || s.allocateLoadBalancerNodePorts === null)) {
    // Upstream reports this one without the `spec.` prefix.
    errs.push(fe.required('allocateLoadBalancerNodePorts'));
  }

  errs.push(...validateLoadBalancerClass(undefined, svc));
  errs.push(...validateExternalTrafficPolicy(svc));

  const itp = s.internalTrafficPolicy;
  if ((itp === undefined || itp === null) && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(type)) {
    errs.push(fe.required(specPath.child('internalTrafficPolicy')));
  }
  if (itp !== undefined && itp !== null && !TRAFFIC_POLICIES.includes(itp)) {
    errs.push(fe.notSupported(specPath.child('internalTrafficPolicy'), itp, TRAFFIC_POLICIES));
  }
  const td = s.trafficDistribution;
  if (td !== undefined && td !== null && td !== 'PreferClose') {
    errs.push(fe.notSupported(specPath.child('trafficDistribution'), td, ['PreferClose']));
  }
  return errs;
}

export function validateServiceUpdate(svc: Service, old: Service): FieldError[] {
  const errs = validateObjectMetaUpdate(svc.metadata, old.metadata, metaPath);
  errs.push(...validateUpgradeDowngradeClusterIPs(old, svc));
  errs.push(...validateUpgradeDowngradeIPFamilies(old, svc));
  errs.push(...validateLoadBalancerClass(old, svc));
  if (needsHealthCheck(old) && needsHealthCheck(svc) && (svc.spec?.healthCheckNodePort ?? 0) !== (old.spec?.healthCheckNodePort ?? 0)) {
    errs.push(fe.forbidden(specPath.child('healthCheckNodePort'), 'field is immutable'));
  }
  return [...errs, ...validateService(svc)];
}
