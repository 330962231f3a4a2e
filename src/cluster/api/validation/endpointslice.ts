// EndpointSlices (pkg/apis/discovery/validation/validation.go).

import { fieldErrors as fe, FieldPath, type FieldError } from '../errors';
import type { EndpointSlice } from '../types';
import { validateDNS1123Label } from './container';
import { isValidIPv4Address, isValidIPv6Address, validateNonSpecialIP } from './ip';
import { validateObjectMeta, validateObjectMetaUpdate, validateImmutableField } from './metadata';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain } from './names';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_ADDRESSES = 100;
const MAX_PORTS = 100;
const MAX_ENDPOINTS = 1000;

function isFullyQualifiedDomainName(path: FieldPath, value: string): FieldError[] {
  if (value.length === 0) return [fe.required(path)];
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  const sub = isDNS1123Subdomain(name);
  if (sub.length > 0) return [fe.invalid(path, name, sub.join(','))];
  const labels = name.split('.');
  if (labels.length < 2) return [fe.invalid(path, name, 'should be a domain with at least two segments separated by dots')];
  for (const l of labels) {
    const e = isDNS1123Label(l);
    if (e.length > 0) return [fe.invalid(path, l, e.join(','))];
  }
  return [];
}

function validateBody(slice: EndpointSlice, validTypes: string[]): FieldError[] {
  const errs: FieldError[] = [];
  const addressType: string = slice.addressType ?? '';
  if (addressType === '') errs.push(fe.required('addressType'));
  else if (!validTypes.includes(addressType)) errs.push(fe.notSupported('addressType', addressType, validTypes));

  const endpoints = slice.endpoints ?? [];
  const epPath = FieldPath.of('endpoints');
  if (endpoints.length > MAX_ENDPOINTS) {
    errs.push(fe.tooMany(epPath, endpoints.length, MAX_ENDPOINTS));
  } else {
    endpoints.forEach((ep, i) => {
      const p = epPath.index(i);
      const ap = p.child('addresses');
      const addresses = ep.addresses ?? [];
      if (addresses.length === 0) errs.push(fe.required(ap, 'must contain at least 1 address'));
      else if (addresses.length > MAX_ADDRESSES) errs.push(fe.tooMany(ap, addresses.length, MAX_ADDRESSES));
      addresses.forEach((a, j) => {
        if (addressType === 'IPv4') errs.push(...isValidIPv4Address(ap.index(j), a), ...validateNonSpecialIP(a, ap.index(j)));
        else if (addressType === 'IPv6') errs.push(...isValidIPv6Address(ap.index(j), a), ...validateNonSpecialIP(a, ap.index(j)));
        else if (addressType === 'FQDN') errs.push(...isFullyQualifiedDomainName(ap.index(j), a));
      });
      if (ep.hostname !== undefined && ep.hostname !== null) errs.push(...validateDNS1123Label(ep.hostname, p.child('hostname')));
      if (ep.nodeName !== undefined && ep.nodeName !== null) {
        for (const m of nameIsDNSSubdomain(ep.nodeName, false)) errs.push(fe.invalid(p.child('nodeName'), ep.nodeName, m));
      }
    });
  }

  const ports = slice.ports ?? [];
  const portPath = FieldPath.of('ports');
  if (ports.length > MAX_PORTS) {
    errs.push(fe.tooMany(portPath, ports.length, MAX_PORTS));
  } else {
    const names = new Set<string>();
    ports.forEach((port, i) => {
      const p = portPath.index(i);
      const name = port.name ?? '';
      if (name.length > 0) errs.push(...validateDNS1123Label(name, p.child('name')));
      if (names.has(name)) errs.push(fe.duplicate(p.child('name'), name));
      else names.add(name);
      if (port.protocol === undefined || port.protocol === null) errs.push(fe.required(p.child('protocol')));
      else if (!PROTOCOLS.includes(port.protocol)) errs.push(fe.notSupported(p.child('protocol'), port.protocol, PROTOCOLS));
      if (port.appProtocol !== undefined && port.appProtocol !== null) {
        for (const m of isQualifiedName(port.appProtocol)) errs.push(fe.invalid(p.child('appProtocol'), port.appProtocol, m));
      }
    });
  }
  return errs;
}

export function validateEndpointSlice(slice: EndpointSlice): FieldError[] {
  return [...validateObjectMeta(slice.metadata, true, nameIsDNSSubdomain), ...validateBody(slice, ADDRESS_TYPES)];
}

export function validateEndpointSliceUpdate(slice: EndpointSlice, old: EndpointSlice): FieldError[] {
  return [
    ...validateObjectMetaUpdate(slice.metadata, old.metadata),
    ...validateBody(slice, ['FQDN', 'IP', 'IPv4', 'IPv6']),
    ...validateImmutableField(slice.addressType ?? '', old.addressType ?? '', 'addressType'),
  ];
}
