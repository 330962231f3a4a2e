// Pods on create, update and status update (ValidatePodCreate, ValidatePodUpdate,
// ValidatePodStatusUpdate in pkg/apis/core/validation/validation.go).

import { fieldErrors as fe, FieldPath, type FieldError } from '../errors';
import type { Pod, PodSpec, Toleration } from '../types';
import { validateContainersOnlyForPod, validateContainerUpdates } from './container';
import { isValidIP } from './ip';
import { validateImmutableField, validateObjectMeta, validateObjectMetaUpdate } from './metadata';
import { inclusiveRangeError, nameIsDNSSubdomain } from './names';
import { podSpecDiff } from './pod-diff';
import { validatePodSpec, validateTolerations } from './podspec';
import { semanticEqual } from './semantic';

const meta = FieldPath.of('metadata');
const specPath = FieldPath.of('spec');

const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
const MIRROR = 'kubernetes.io/config.mirror';

function validatePodSpecificAnnotations(pod: Pod): FieldError[] {
  const errs: FieldError[] = [];
  const ann = pod.metadata?.annotations ?? {};
  if (MIRROR in ann && !pod.spec?.nodeName) {
    errs.push(fe.invalid(meta.child('annotations').key(MIRROR), ann[MIRROR], 'must set spec.nodeName if mirror pod annotation is set'));
  }
  if (DELETION_COST in ann) {
    const v = ann[DELETION_COST];
    const n = /^[+-]?[0-9]+$/.test(v) ? Number(v) : NaN;
    if (!(n >= -2147483648 && n <= 2147483647)) {
      errs.push(fe.invalid(meta.child('annotations').key(DELETION_COST), v, 'must be a 32bit integer'));
    }
  }
  return errs;
}

function validatePodMetadataAndSpec(pod: Pod): FieldError[] {
  return [
    ...validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain, meta),
    ...validatePodSpecificAnnotations(pod),
    ...validatePodSpec(pod.spec, specPath, true),
    ...validateContainersOnlyForPod(pod.spec?.containers, specPath.child('containers')),
    ...validateContainersOnlyForPod(pod.spec?.initContainers, specPath.child('initContainers')),
  ];
}

export function validatePodCreate(pod: Pod): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod);
  const spec = pod.spec ?? ({} as PodSpec);
  if (Array.isArray(spec.ephemeralContainers) && spec.ephemeralContainers.length > 0) {
    errs.push(fe.forbidden(specPath.child('ephemeralContainers'), 'cannot be set on create'));
  }
  if (spec.nodeName && Array.isArray(spec.schedulingGates) && spec.schedulingGates.length > 0) {
    errs.push(fe.forbidden(specPath.child('nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function validateOnlyAddedTolerations(next: Toleration[], prev: Toleration[], path: FieldPath): FieldError[] {
  for (const old of prev) {
    // tolerationSeconds may change; everything else of an existing toleration must stay.
    const found = next.some((t) => semanticEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [fe.forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(next, path);
}

export function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs = [...validateObjectMetaUpdate(pod.metadata, old.metadata, meta), ...validatePodMetadataAndSpec(pod)];
  const spec = pod.spec ?? ({ containers: [] } as PodSpec);
  const oldSpec = old.spec ?? ({ containers: [] } as PodSpec);

  for (const list of ['containers', 'initContainers'] as const) {
    const r = validateContainerUpdates(spec[list], oldSpec[list], specPath.child(list));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }

  const ads = spec.activeDeadlineSeconds as number | undefined | null;
  const oldAds = oldSpec.activeDeadlineSeconds as number | undefined | null;
  if (ads !== undefined && ads !== null) {
    if (ads < 0 || ads > 2147483647) {
      errs.push(fe.invalid(specPath.child('activeDeadlineSeconds'), ads, inclusiveRangeError(0, 2147483647)));
      return errs;
    }
    if (oldAds !== undefined && oldAds !== null && oldAds < ads) {
      errs.push(fe.invalid(specPath.child('activeDeadlineSeconds'), ads, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (oldAds !== undefined && oldAds !== null) {
    errs.push(fe.invalid(specPath.child('activeDeadlineSeconds'), null, 'must not update from a positive integer to nil value'));
  }

  errs.push(...validateOnlyAddedTolerations(spec.tolerations ?? [], oldSpec.tolerations ?? [], specPath.child('tolerations')));

  const newGates = (spec.schedulingGates as { name: string }[] | undefined) ?? [];
  const oldGates = new Set(((oldSpec.schedulingGates as { name: string }[] | undefined) ?? []).map((g) => g.name));
  newGates.forEach((g, i) => {
    if (!oldGates.has(g.name)) {
      errs.push(fe.forbidden(specPath.child('schedulingGates').index(i).child('name'), `only deletion is allowed, but found new scheduling gate '${g.name}'`));
    }
  });

  if (semanticEqual(spec, oldSpec)) return errs;

  // Put back what may change, then anything left over is a forbidden change.
  const munged: PodSpec = structuredClone(spec);
  munged.containers = (munged.containers ?? []).map((c, i) => ({ ...c, image: oldSpec.containers?.[i]?.image }));
  if (munged.initContainers) munged.initContainers = munged.initContainers.map((c, i) => ({ ...c, image: oldSpec.initContainers?.[i]?.image }));
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  const oldGrace = oldSpec.terminationGracePeriodSeconds;
  if (oldGrace !== undefined && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  if (!semanticEqual(munged, oldSpec)) {
    errs.push(fe.forbidden(specPath,
      `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${podSpecDiff(oldSpec, munged)}`));
  }
  return errs;
}

/** The /status subresource: what a kubelet may write. */
export function validatePodStatusUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata, meta);
  const status = FieldPath.of('status');
  if ((pod.spec?.nodeName ?? '') !== (old.spec?.nodeName ?? '')) errs.push(fe.forbidden(status.child('nodeName'), 'may not be changed directly'));
  const nominated = pod.status?.nominatedNodeName ?? '';
  if (nominated && nominated !== (old.status?.nominatedNodeName ?? '')) {
    nameIsDNSSubdomain(nominated, false).forEach((m) => errs.push(fe.invalid(status.child('nominatedNodeName'), nominated, m)));
  }
  errs.push(...validateImmutableField(pod.status?.qosClass ?? '', old.status?.qosClass ?? '', status.child('qosClass')));
  (pod.status?.podIPs ?? []).forEach((p, i) => errs.push(...isValidIP(status.child('podIPs').index(i), p.ip)));
  const hostIPs = pod.status?.hostIPs ?? [];
  if (hostIPs.length > 0 && (pod.status?.hostIP ?? '') !== hostIPs[0].ip) {
    errs.push(fe.invalid(status.child('hostIPs').index(0).child('ip'), hostIPs[0].ip, 'must be equal to `hostIP`'));
  }
  hostIPs.forEach((p, i) => errs.push(...isValidIP(status.child('hostIPs').index(i), p.ip)));
  return errs;
}
