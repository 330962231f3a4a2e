// ValidatePodSpec and ValidatePodTemplateSpec (pkg/apis/core/validation), the
// parts a lab pod can reach: containers, volumes, policies, tolerations, names.

import { fieldErrors as fe, type FieldError, type FieldPath } from '../errors';
import type { PodSpec, PodTemplateSpec, Toleration } from '../types';
import { validateContainers, validateDNS1123Label, validateInitContainers } from './container';
import { isValidIP } from './ip';
import { validateAnnotations, validateLabelName, validateLabels } from './labels';
import { inclusiveRangeError, isDNS1123SubdomainWithUnderscore, isValidLabelValue, nameIsDNSSubdomain } from './names';

type Obj = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const volumeSources = ['emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs',
  'iscsi', 'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI',
  'fc', 'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image'];

/** ValidateVolumes, shallowly: names and exactly one source. Returns the valid volume names too. */
function validateVolumes(volumes: Obj[], path: FieldPath): { names: Set<string>; errs: FieldError[] } {
  const names = new Set<string>();
  const errs: FieldError[] = [];
  volumes.forEach((vol, i) => {
    const p = path.index(i);
    const el: FieldError[] = [];
    let count = 0;
    for (const src of volumeSources) {
      if (vol[src] === undefined || vol[src] === null) continue;
      if (count > 0) el.push(fe.forbidden(p.child(src), 'may not specify more than 1 volume type'));
      else count++;
    }
    if (count === 0) el.push(fe.required(p, 'must specify a volume type'));
    const name = str(vol.name);
    if (name === '') el.push(fe.required(p.child('name')));
    else el.push(...validateDNS1123Label(name, p.child('name')));
    if (names.has(name)) el.push(fe.duplicate(p.child('name'), name));
    if (el.length === 0) names.add(name);
    else errs.push(...el);
  });
  return { names, errs };
}

function validateTaintEffect(effect: string, allowEmpty: boolean, path: FieldPath): FieldError[] {
  if (!allowEmpty && effect === '') return [fe.required(path)];
  if (['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect)) return [];
  return [fe.notSupported(path, effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute'])];
}

export { validateTaintEffect };

export function validateTolerations(tolerations: readonly Toleration[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  tolerations.forEach((t, i) => {
    const p = path.index(i);
    const key = t.key ?? '';
    const op = t.operator ?? '';
    const value = t.value ?? '';
    const effect = t.effect ?? '';
    if (key.length > 0) errs.push(...validateLabelName(key, p.child('key')));
    if (key.length === 0 && op !== 'Exists') {
      errs.push(fe.invalid(p.child('operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute') {
      errs.push(fe.invalid(p.child('effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (op) {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(value);
        if (msgs.length > 0) errs.push(fe.invalid(p.child('operator'), value, msgs.join(';')));
        break;
      }
      case 'Exists':
        if (value.length > 0) errs.push(fe.invalid(p.child('operator'), value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(fe.notSupported(p.child('operator'), op, ['Equal', 'Exists']));
    }
    if (effect.length > 0) errs.push(...validateTaintEffect(effect, true, p.child('effect')));
  });
  return errs;
}

function oneOf(value: string, allowed: string[], path: FieldPath): FieldError[] {
  if (value === '') return [fe.required(path)];
  return allowed.includes(value) ? [] : [fe.notSupported(path, value, allowed)];
}

function validateDNSConfig(spec: PodSpec, path: FieldPath): FieldError[] {
  const cfg = spec.dnsConfig as Obj | undefined;
  if (spec.dnsPolicy === 'None') {
    if (!cfg) return [fe.required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (!Array.isArray(cfg.nameservers) || cfg.nameservers.length === 0) {
      return [fe.required(path.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
    }
  }
  if (!cfg) return [];
  const errs: FieldError[] = [];
  const ns = (cfg.nameservers as string[] | undefined) ?? [];
  if (ns.length > 3) errs.push(fe.invalid(path.child('nameservers'), ns, 'must not have more than 3 nameservers'));
  ns.forEach((n, i) => errs.push(...isValidIP(path.child('nameservers').index(i), n)));
  const searches = (cfg.searches as string[] | undefined) ?? [];
  if (searches.length > 32) errs.push(fe.invalid(path.child('searches'), searches, 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) {
    errs.push(fe.invalid(path.child('searches'), searches, 'must not have more than 2048 characters (including spaces) in the search list'));
  }
  searches.forEach((s, i) => {
    if (s === '.') return;
    // The relaxed rule (RelaxedDNSSearchValidation) admits underscores.
    const trimmed = s.replace(/\.$/, '');
    isDNS1123SubdomainWithUnderscore(trimmed).forEach((m) => errs.push(fe.invalid(path.child('searches').index(i), trimmed, m)));
  });
  ((cfg.options as Obj[] | undefined) ?? []).forEach((o, i) => {
    if (!str(o.name)) errs.push(fe.required(path.child('options').index(i), 'must not be empty'));
  });
  return errs;
}

/** ValidatePodSpec. `isPod` is opts.ResourceIsPod: a real pod, not a template. */
export function validatePodSpec(spec: PodSpec | undefined, path: FieldPath, isPod: boolean): FieldError[] {
  const s = spec ?? ({ containers: [] } as PodSpec);
  const errs: FieldError[] = [];
  const grace = s.terminationGracePeriodSeconds;
  if (grace === undefined || grace === null) errs.push(fe.required(path.child('terminationGracePeriodSeconds')));
  const vols = validateVolumes((s.volumes as Obj[] | undefined) ?? [], path.child('volumes'));
  errs.push(...vols.errs);
  errs.push(...validateContainers(s.containers, vols.names, grace, path.child('containers')));
  errs.push(...validateInitContainers(s.initContainers, s.containers, vols.names, grace, path.child('initContainers')));
  if (s.hostNetwork) {
    s.containers?.forEach((c, ci) => (c.ports ?? []).forEach((port, pi) => {
      const hp = port.hostPort ?? 0;
      if ((isPod || hp !== 0) && hp !== port.containerPort) {
        errs.push(fe.invalid(path.child('containers').index(ci).child('ports').index(pi).child('hostPort'), hp,
          'must match `containerPort` when `hostNetwork` is true'));
      }
    }));
  }
  errs.push(...oneOf(s.restartPolicy ?? '', ['Always', 'OnFailure', 'Never'], path.child('restartPolicy')));
  errs.push(...oneOf(s.dnsPolicy ?? '', ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'], path.child('dnsPolicy')));
  errs.push(...validateLabels(s.nodeSelector, path.child('nodeSelector')));
  errs.push(...validateDNSConfig(s, path.child('dnsConfig')));
  const sa = s.serviceAccountName ?? '';
  if (sa) nameIsDNSSubdomain(sa, false).forEach((m) => errs.push(fe.invalid(path.child('serviceAccountName'), sa, m)));
  const node = s.nodeName ?? '';
  if (node) nameIsDNSSubdomain(node, false).forEach((m) => errs.push(fe.invalid(path.child('nodeName'), node, m)));
  const ads = s.activeDeadlineSeconds;
  if (typeof ads === 'number' && (ads < 1 || ads > 2147483647)) {
    errs.push(fe.invalid(path.child('activeDeadlineSeconds'), ads, inclusiveRangeError(1, 2147483647)));
  }
  if (s.hostname) errs.push(...validateDNS1123Label(s.hostname, path.child('hostname')));
  if (s.subdomain) errs.push(...validateDNS1123Label(s.subdomain, path.child('subdomain')));
  if (s.tolerations && s.tolerations.length > 0) errs.push(...validateTolerations(s.tolerations, path.child('tolerations')));
  const pcn = str(s.priorityClassName);
  if (pcn) nameIsDNSSubdomain(pcn, false).forEach((m) => errs.push(fe.invalid(path.child('priorityClassName'), pcn, m)));
  if (s.preemptionPolicy !== undefined && s.preemptionPolicy !== null) {
    errs.push(...oneOf(s.preemptionPolicy, ['PreemptLowerPriority', 'Never'], path.child('preemptionPolicy')));
  }
  return errs;
}

/** ValidatePodTemplateSpec: note upstream checks labels at `template.labels`, not `template.metadata.labels`. */
export function validatePodTemplateSpec(tpl: PodTemplateSpec | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...validateLabels(tpl?.metadata?.labels, path.child('labels')));
  errs.push(...validateAnnotations(tpl?.metadata?.annotations, path.child('annotations')));
  errs.push(...validatePodSpec(tpl?.spec, path.child('spec'), false));
  if (Array.isArray(tpl?.spec?.ephemeralContainers) && tpl.spec.ephemeralContainers.length > 0) {
    errs.push(fe.forbidden(path.child('spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}
