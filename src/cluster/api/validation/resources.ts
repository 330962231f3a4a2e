// Container resource requests and limits (validateResourceRequirements and its
// helpers in pkg/apis/core/validation, pkg/apis/core/helper). Quantities that do
// not parse never reach validation upstream (decoding fails first); see
// findQuantityDecodeError for that message.

import { fieldErrors as fe, type FieldError, type FieldPath } from '../errors';
import { isQualifiedName } from './names';
import { compareQuantity, parseQuantity, quantityString, type Quantity } from './quantity';

const standardResources = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'storage',
  'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'requests.storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
  'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps',
  'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers',
]);
const standardContainerResources = new Set(['cpu', 'memory', 'ephemeral-storage']);

const isHugePages = (name: string): boolean => name.startsWith('hugepages-');
const isNative = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');
const isExtended = (name: string): boolean =>
  !isNative(name) && !name.startsWith('requests.') && isQualifiedName(`requests.${name}`).length === 0;
// Only native, non-hugepage resources may be overcommitted (requests below limits).
const overcommitAllowed = (name: string): boolean => isNative(name) && !isHugePages(name);
const integerResource = (name: string): boolean => isExtended(name) || ['pods', 'services', 'secrets', 'configmaps'].includes(name);

function validateResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => fe.invalid(path, name, msg));
  if (errs.length > 0) return errs;
  if (name.split('/').length === 1 && !standardResources.has(name) && !/^(requests\.|limits\.)?hugepages-/.test(name)) {
    errs.push(fe.invalid(path, name, 'must be a standard resource type or fully qualified'));
  }
  return errs;
}

function validateContainerResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = validateResourceName(name, path);
  if (name.split('/').length === 1) {
    if (!standardContainerResources.has(name) && !isHugePages(name)) {
      errs.push(fe.invalid(path, name, 'must be a standard resource for containers'));
    }
  } else if (!isNative(name) && !isExtended(name)) {
    errs.push(fe.invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

function validateQuantityValue(name: string, q: Quantity, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (q.nanos < 0n) errs.push(fe.invalid(path, quantityString(q), 'must be greater than or equal to 0'));
  if (integerResource(name) && q.nanos % 1_000_000_000n !== 0n) errs.push(fe.invalid(path, quantityString(q), 'must be an integer'));
  return errs;
}

type ResourceList = Record<string, unknown>;

function parsed(list: ResourceList | undefined): [string, Quantity][] {
  const out: [string, Quantity][] = [];
  for (const name of Object.keys(list ?? {}).sort()) {
    const q = parseQuantity(list![name] as string | number);
    if (typeof q !== 'string') out.push([name, q]);
  }
  return out;
}

export function validateResourceRequirements(req: { limits?: ResourceList; requests?: ResourceList } | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const limPath = path.child('limits');
  const reqPath = path.child('requests');
  const limits = new Map(parsed(req?.limits));
  let cpuOrMemory = false;
  let hugePages = false;
  for (const [name, q] of limits) {
    const p = limPath.key(name);
    errs.push(...validateContainerResourceName(name, p), ...validateQuantityValue(name, q, p));
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
    if (isHugePages(name)) hugePages = true;
  }
  for (const [name, q] of parsed(req?.requests)) {
    const p = reqPath.key(name);
    errs.push(...validateContainerResourceName(name, p), ...validateQuantityValue(name, q, p));
    const limit = limits.get(name);
    if (limit) {
      const cmp = compareQuantity(q, limit);
      if (cmp !== 0 && !overcommitAllowed(name)) {
        errs.push(fe.invalid(reqPath, quantityString(q), `must be equal to ${name} limit of ${quantityString(limit)}`));
      } else if (cmp > 0) {
        errs.push(fe.invalid(reqPath, quantityString(q), `must be less than or equal to ${name} limit of ${quantityString(limit)}`));
      }
    } else if (!overcommitAllowed(name)) {
      errs.push(fe.required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
    if (isHugePages(name)) hugePages = true;
  }
  if (hugePages && !cpuOrMemory) errs.push(fe.forbidden(path, 'HugePages require cpu or memory'));
  return errs;
}

/**
 * The first quantity in a container's resources that does not parse, as the
 * decoder reports it. Upstream fails the whole request with 400 BadRequest
 * (`Pod in version "v1" cannot be handled as a Pod: quantities must match ...`)
 * before any validation runs.
 */
export function findQuantityDecodeError(containers: readonly { resources?: { limits?: ResourceList; requests?: ResourceList } }[]): string | undefined {
  for (const c of containers) {
    for (const list of [c.resources?.limits, c.resources?.requests]) {
      for (const v of Object.values(list ?? {})) {
        const q = parseQuantity(v as string | number);
        if (typeof q === 'string') return q;
      }
    }
  }
  return undefined;
}
