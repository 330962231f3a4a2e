// Nodes (ValidateNode, ValidateNodeUpdate in pkg/apis/core/validation). Upstream
// reports taint errors under `metadata.taints`, not `spec.taints`; kept as is.
// Struct bad values are internal core types, which carry no JSON tags: Go field names.

import { fieldErrors as fe, FieldPath, goStruct, type FieldError } from '../errors';
import type { Node, NodeTaint } from '../types';
import { ipFamilyOf, isValidCIDR } from './ip';
import { validateLabelName } from './labels';
import { validateObjectMeta, validateObjectMetaUpdate } from './metadata';
import { isValidLabelValue, nameIsDNSSubdomain } from './names';
import { validateTaintEffect } from './podspec';
import { parseQuantity } from './quantity';

const meta = FieldPath.of('metadata');

function validateTaints(taints: NodeTaint[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  taints.forEach((t, i) => {
    const p = path.index(i);
    errs.push(...validateLabelName(t.key ?? '', p.child('key')));
    const msgs = isValidLabelValue(t.value ?? '');
    if (msgs.length > 0) errs.push(fe.invalid(p.child('value'), t.value ?? '', msgs.join(';')));
    errs.push(...validateTaintEffect(t.effect ?? '', false, p.child('effect')));
    const key = `${t.effect ?? ''}\u0000${t.key ?? ''}`;
    if (seen.has(key)) {
      const dup = fe.duplicate(p, goStruct({ Key: t.key ?? '', Value: t.value ?? '', Effect: t.effect ?? '', TimeAdded: t.timeAdded ?? null }));
      dup.detail = 'taints must be unique by key and effect pair';
      errs.push(dup);
    } else {
      seen.add(key);
    }
  });
  return errs;
}

function validateResources(node: Node): FieldError[] {
  const errs: FieldError[] = [];
  for (const list of ['capacity', 'allocatable'] as const) {
    const values = node.status?.[list] ?? {};
    for (const name of Object.keys(values).sort()) {
      const q = parseQuantity(values[name]);
      if (typeof q !== 'string' && q.nanos < 0n) {
        errs.push(fe.invalid(FieldPath.of('status', list).key(name), values[name], 'must be greater than or equal to 0'));
      }
    }
  }
  return errs;
}

function validatePodCIDRs(node: Node): FieldError[] {
  const cidrs = node.spec?.podCIDRs ?? [];
  const path = FieldPath.of('spec', 'podCIDRs');
  const errs = cidrs.flatMap((c, i) => isValidCIDR(path.index(i), c));
  if (cidrs.length > 1) {
    const fams = cidrs.map((c) => ipFamilyOf(c.split('/')[0]));
    if (cidrs.length > 2 || fams[0] === fams[1]) errs.push(fe.invalid(path, cidrs, 'may specify no more than one CIDR for each IP family'));
    const seen = new Set<string>();
    cidrs.forEach((c, i) => {
      if (seen.has(c)) errs.push(fe.duplicate(path.index(i), c));
      seen.add(c);
    });
  }
  return errs;
}

export function validateNode(node: Node): FieldError[] {
  const errs = validateObjectMeta(node.metadata, false, nameIsDNSSubdomain, meta);
  const taints = node.spec?.taints ?? [];
  if (taints.length > 0) errs.push(...validateTaints(taints, meta.child('taints')));
  errs.push(...validateResources(node));
  errs.push(...validatePodCIDRs(node));
  return errs;
}

export function validateNodeUpdate(node: Node, old: Node): FieldError[] {
  const errs = validateObjectMetaUpdate(node.metadata, old.metadata, meta);
  errs.push(...validateResources(node));
  const seen = new Set<string>();
  (node.status?.addresses ?? []).forEach((a, i) => {
    const key = `${a.type}\u0000${a.address}`;
    if (seen.has(key)) errs.push(fe.duplicate(FieldPath.of('status', 'addresses').index(i), goStruct({ Type: a.type, Address: a.address })));
    seen.add(key);
  });
  const oldCIDRs = old.spec?.podCIDRs ?? [];
  const newCIDRs = node.spec?.podCIDRs ?? [];
  const cidrMsg = 'node updates may not change podCIDR except from "" to valid';
  if (oldCIDRs.length > 0) {
    if (oldCIDRs.length !== newCIDRs.length) errs.push(fe.forbidden(FieldPath.of('spec', 'podCIDRs'), cidrMsg));
    else oldCIDRs.forEach((c, i) => { if (c !== newCIDRs[i]) errs.push(fe.forbidden(FieldPath.of('spec', 'podCIDRs'), cidrMsg)); });
  }
  const oldProvider = String(old.spec?.providerID ?? '');
  if (oldProvider !== '' && oldProvider !== String(node.spec?.providerID ?? '')) {
    errs.push(fe.forbidden(FieldPath.of('spec', 'providerID'), 'node updates may not change providerID except from "" to valid'));
  }
  errs.push(...validateTaints(node.spec?.taints ?? [], meta.child('taints')));
  errs.push(...validatePodCIDRs(node));
  return errs;
}
