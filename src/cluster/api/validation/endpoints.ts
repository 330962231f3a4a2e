// Endpoints (ValidateEndpoints and its helpers in pkg/apis/core/validation).

import { fieldErrors as fe, FieldPath, type FieldError } from '../errors';
import type { EndpointAddress, EndpointPort, Endpoints } from '../types';
import { validateDNS1123Label } from './container';
import { isValidIP, validateNonSpecialIP } from './ip';
import { validateObjectMeta, validateObjectMetaUpdate } from './metadata';
import { isQualifiedName, isValidPortNum, nameIsDNSSubdomain } from './names';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateAddress(a: EndpointAddress, path: FieldPath): FieldError[] {
  const ip = a.ip ?? '';
  const errs = isValidIP(path.child('ip'), ip);
  if (a.hostname) errs.push(...validateDNS1123Label(a.hostname, path.child('hostname')));
  if (a.nodeName !== undefined && a.nodeName !== null) {
    for (const m of nameIsDNSSubdomain(a.nodeName, false)) errs.push(fe.invalid(path.child('nodeName'), a.nodeName, m));
  }
  errs.push(...validateNonSpecialIP(ip, path.child('ip')));
  return errs;
}

function validatePort(p: EndpointPort, requireName: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = p.name ?? '';
  if (requireName && name === '') errs.push(fe.required(path.child('name')));
  else if (name !== '') errs.push(...validateDNS1123Label(name, path.child('name')));
  const port = Number(p.port ?? 0);
  for (const m of isValidPortNum(port)) errs.push(fe.invalid(path.child('port'), port, m));
  const protocol = p.protocol ?? '';
  if (protocol === '') errs.push(fe.required(path.child('protocol')));
  else if (!PROTOCOLS.includes(protocol)) errs.push(fe.notSupported(path.child('protocol'), protocol, PROTOCOLS));
  if (p.appProtocol !== undefined && p.appProtocol !== null) {
    for (const m of isQualifiedName(p.appProtocol)) errs.push(fe.invalid(path.child('appProtocol'), p.appProtocol, m));
  }
  return errs;
}

function validateSubsets(ep: Endpoints): FieldError[] {
  const errs: FieldError[] = [];
  (ep.subsets ?? []).forEach((ss, i) => {
    const p = FieldPath.of('subsets').index(i);
    if ((ss.addresses ?? []).length === 0 && (ss.notReadyAddresses ?? []).length === 0) {
      errs.push(fe.required(p, 'must specify `addresses` or `notReadyAddresses`'));
    }
    (ss.addresses ?? []).forEach((a, j) => errs.push(...validateAddress(a, p.child('addresses').index(j))));
    (ss.notReadyAddresses ?? []).forEach((a, j) => errs.push(...validateAddress(a, p.child('notReadyAddresses').index(j))));
    const ports = ss.ports ?? [];
    ports.forEach((port, j) => errs.push(...validatePort(port, ports.length > 1, p.child('ports').index(j))));
  });
  return errs;
}

export function validateEndpoints(ep: Endpoints): FieldError[] {
  return [...validateObjectMeta(ep.metadata, true, nameIsDNSSubdomain), ...validateSubsets(ep)];
}

export function validateEndpointsUpdate(ep: Endpoints, old: Endpoints): FieldError[] {
  return [...validateObjectMetaUpdate(ep.metadata, old.metadata), ...validateSubsets(ep)];
}
