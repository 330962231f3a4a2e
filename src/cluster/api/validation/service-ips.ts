// The clusterIP / clusterIPs / ipFamilies / ipFamilyPolicy rules of a Service
// (ValidateServiceClusterIPsRelatedFields, validateUpgradeDowngradeClusterIPs,
// validateUpgradeDowngradeIPFamilies in pkg/apis/core/validation/validation.go).
// Bad values are Go slices: a missing list prints as null, an empty one as [].

import { fieldErrors as fe, FieldPath, type FieldError } from '../errors';
import type { Service } from '../types';
import { ipFamilyOf, isValidIP } from './ip';

const spec = FieldPath.of('spec');
const clusterIPsField = spec.child('clusterIPs');
const ipFamiliesField = spec.child('ipFamilies');
const ipFamilyPolicyField = spec.child('ipFamilyPolicy');

export const IP_FAMILIES = ['IPv4', 'IPv6'];
export const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

export function isHeadlessService(svc: Service | undefined): boolean {
  const ips = svc?.spec?.clusterIPs;
  return ips !== undefined && ips.length === 1 && ips[0] === 'None';
}

const list = <T>(v: T[] | undefined): T[] | null => v ?? null;

export function validateServiceClusterIPsRelatedFields(svc: Service): FieldError[] {
  const s = svc.spec ?? {};
  if (s.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const clusterIPs = s.clusterIPs ?? [];
  let hasInvalidIPs = false;

  if (s.clusterIP) {
    if (clusterIPs.length === 0) errs.push(fe.required(clusterIPsField));
    else if (clusterIPs[0] !== s.clusterIP) errs.push(fe.invalid(clusterIPsField, clusterIPs, 'first value must match `clusterIP`'));
  } else if (clusterIPs.length !== 0) {
    errs.push(fe.invalid(clusterIPsField, clusterIPs, 'must be empty when `clusterIP` is not specified'));
  }

  const seen = new Set<string>();
  (s.ipFamilies ?? []).forEach((fam, i) => {
    if (!IP_FAMILIES.includes(fam)) errs.push(fe.notSupported(ipFamiliesField.index(i), fam, IP_FAMILIES));
    if (seen.has(fam)) errs.push(fe.duplicate(ipFamiliesField.index(i), fam));
    seen.add(fam);
  });

  if (s.ipFamilyPolicy !== undefined && s.ipFamilyPolicy !== null && !IP_FAMILY_POLICIES.includes(s.ipFamilyPolicy)) {
    errs.push(fe.notSupported(ipFamilyPolicyField, s.ipFamilyPolicy, IP_FAMILY_POLICIES));
  }

  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1) {
        hasInvalidIPs = true;
        errs.push(fe.invalid(clusterIPsField, clusterIPs, "'None' must be the first and only value"));
      }
      return;
    }
    const bad = isValidIP(clusterIPsField.index(i), ip);
    if (bad.length > 0) hasInvalidIPs = true;
    errs.push(...bad);
  });

  if (clusterIPs.length > 2) errs.push(fe.invalid(clusterIPsField, clusterIPs, 'may only hold up to 2 values'));
  if (hasInvalidIPs) return errs;

  if (clusterIPs.length > 1) {
    const fams = clusterIPs.map(ipFamilyOf);
    const dualStack = clusterIPs.length === 2 && fams[0] !== fams[1];
    if (!dualStack) errs.push(fe.invalid(clusterIPsField, clusterIPs, 'may specify no more than one IP for each IP family'));
  }

  const families = s.ipFamilies ?? [];
  if (!isHeadlessService(svc) && clusterIPs.length > 0 && families.length > 0) {
    clusterIPs.forEach((ip, i) => {
      if (i > families.length - 1) return;
      if (families[i] === 'IPv4' && ipFamilyOf(ip) === 'IPv6') {
        errs.push(fe.invalid(clusterIPsField.index(i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      }
      if (families[i] === 'IPv6' && ipFamilyOf(ip) !== 'IPv6') {
        errs.push(fe.invalid(clusterIPsField.index(i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
      }
    });
  }
  return errs;
}

export function validateUpgradeDowngradeClusterIPs(old: Service, svc: Service): FieldError[] {
  if (svc.spec?.type === 'ExternalName' || old.spec?.type === 'ExternalName') return [];
  if (isHeadlessService(old) && isHeadlessService(svc)) return [];
  const errs: FieldError[] = [];
  const oldIPs = old.spec?.clusterIPs ?? [];
  const newIPs = svc.spec?.clusterIPs ?? [];
  const bad = list(svc.spec?.clusterIPs);
  if (oldIPs.length === newIPs.length) {
    oldIPs.forEach((ip, i) => {
      if (ip !== newIPs[i]) errs.push(fe.invalid(clusterIPsField.index(i), bad, 'may not change once set'));
    });
  } else if (oldIPs.length > newIPs.length) {
    if (newIPs.length === 0) errs.push(fe.invalid(clusterIPsField.index(0), bad, 'primary clusterIP can not be unset'));
    if (oldIPs.length > 0 && newIPs.length > 0 && newIPs[0] !== oldIPs[0]) {
      errs.push(fe.invalid(clusterIPsField.index(0), bad, 'may not change once set'));
    }
    if (newIPs.length === 1 && svc.spec?.ipFamilyPolicy !== 'SingleStack') {
      errs.push(fe.invalid(ipFamilyPolicyField, svc.spec?.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
    }
  } else if (oldIPs.length > 0 && newIPs[0] !== oldIPs[0]) {
    errs.push(fe.invalid(clusterIPsField.index(0), bad, 'may not change once set'));
  }
  return errs;
}

export function validateUpgradeDowngradeIPFamilies(old: Service, svc: Service): FieldError[] {
  if (svc.spec?.type === 'ExternalName' || old.spec?.type === 'ExternalName') return [];
  const oldHeadless = isHeadlessService(old);
  const newHeadless = isHeadlessService(svc);
  if (oldHeadless !== newHeadless || newHeadless) return [];
  const errs: FieldError[] = [];
  const oldF = old.spec?.ipFamilies ?? [];
  const newF = svc.spec?.ipFamilies ?? [];
  const badFamilies = list(svc.spec?.ipFamilies);
  const badIPs = list(svc.spec?.clusterIPs);
  if (oldF.length === newF.length) {
    oldF.forEach((f, i) => {
      if (f !== newF[i]) errs.push(fe.invalid(ipFamiliesField.index(0), badFamilies, 'may not change once set'));
    });
  } else if (oldF.length > newF.length) {
    if ((svc.spec?.clusterIPs ?? []).length === 0) errs.push(fe.invalid(ipFamiliesField.index(0), badFamilies, 'primary ipFamily can not be unset'));
    if (newF.length > 0 && newF[0] !== oldF[0]) errs.push(fe.invalid(ipFamiliesField.index(0), badIPs, 'may not change once set'));
    if (newF.length === 1 && svc.spec?.ipFamilyPolicy !== 'SingleStack') {
      errs.push(fe.invalid(ipFamilyPolicyField, svc.spec?.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary ipFamily"));
    }
  } else if (oldF.length > 0 && newF.length > 0 && newF[0] !== oldF[0]) {
    errs.push(fe.invalid(ipFamiliesField.index(0), badIPs, 'may not change once set'));
  }
  return errs;
}
