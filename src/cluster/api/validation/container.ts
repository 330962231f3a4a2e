// Containers of a pod spec: names, images, ports, env, mounts, probes and
// resources (validateContainers, validateInitContainers, validateContainerCommon
// in pkg/apis/core/validation/validation.go).

import { fieldErrors as fe, type FieldError, type FieldPath } from '../errors';
import type { Container } from '../types';
import { isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isRelaxedEnvVarName, isValidPortName, isValidPortNum } from './names';
import { validateLifecycle, validateProbe } from './probe';
import { validateResourceRequirements } from './resources';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' ? (v as Obj) : undefined);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export const PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const; // sets.List order

export function validateDNS1123Label(value: string, path: FieldPath): FieldError[] {
  return isDNS1123Label(value).map((msg) => fe.invalid(path, value, msg));
}

function validateContainerPorts(ports: Obj[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = path.index(i);
    const name = str(port.name);
    if (name.length > 0) {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) msgs.forEach((m) => errs.push(fe.invalid(p.child('name'), name, m)));
      else if (names.has(name)) errs.push(fe.duplicate(p.child('name'), name));
      else names.add(name);
    }
    const containerPort = Number(port.containerPort ?? 0);
    if (containerPort === 0) errs.push(fe.required(p.child('containerPort')));
    else isValidPortNum(containerPort).forEach((m) => errs.push(fe.invalid(p.child('containerPort'), containerPort, m)));
    const hostPort = Number(port.hostPort ?? 0);
    if (hostPort !== 0) isValidPortNum(hostPort).forEach((m) => errs.push(fe.invalid(p.child('hostPort'), hostPort, m)));
    const protocol = str(port.protocol);
    if (protocol === '') errs.push(fe.required(p.child('protocol')));
    else if (!(PROTOCOLS as readonly string[]).includes(protocol)) errs.push(fe.notSupported(p.child('protocol'), protocol, PROTOCOLS));
  });
  return errs;
}

const envFieldPaths = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
const convertibleFieldPaths = new Set(['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace',
  'metadata.uid', 'spec.nodeName', 'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs', 'spec.host']);

function validateFieldRef(ref: Obj, path: FieldPath): FieldError[] {
  const apiVersion = str(ref.apiVersion);
  const fieldPath = str(ref.fieldPath);
  if (apiVersion === '') return [fe.required(path.child('apiVersion'))];
  if (fieldPath === '') return [fe.required(path.child('fieldPath'))];
  if (apiVersion !== 'v1') {
    return [fe.invalid(path.child('fieldPath'), fieldPath, `error converting fieldPath: unsupported pod version: ${apiVersion}`)];
  }
  const sub = /^([^[]+)\[(.*)\]$/.exec(fieldPath);
  if (sub) {
    if (sub[1] === 'metadata.annotations' || sub[1] === 'metadata.labels') return [];
    return [fe.invalid(path.child('fieldPath'), fieldPath, `error converting fieldPath: field label does not support subscript: ${fieldPath}`)];
  }
  if (!convertibleFieldPaths.has(fieldPath)) {
    return [fe.invalid(path.child('fieldPath'), fieldPath, `error converting fieldPath: field label not supported: ${fieldPath}`)];
  }
  const internal = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
  return envFieldPaths.includes(internal) ? [] : [fe.notSupported(path.child('fieldPath'), internal, envFieldPaths)];
}

function validateKeySelector(sel: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(sel.name);
  isDNS1123Subdomain(name).forEach((m) => errs.push(fe.invalid(path.child('name'), name, m)));
  const key = str(sel.key);
  if (key === '') errs.push(fe.required(path.child('key')));
  else isConfigMapKey(key).forEach((m) => errs.push(fe.invalid(path.child('key'), key, m)));
  return errs;
}

function validateEnv(env: Obj[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  env.forEach((ev, i) => {
    const p = path.index(i);
    const name = str(ev.name);
    if (name === '') errs.push(fe.required(p.child('name')));
    else isRelaxedEnvVarName(name).forEach((m) => errs.push(fe.invalid(p.child('name'), name, m)));
    const from = obj(ev.valueFrom);
    if (!from) return;
    const vp = p.child('valueFrom');
    let sources = 0;
    const fieldRef = obj(from.fieldRef);
    if (fieldRef) { sources++; errs.push(...validateFieldRef(fieldRef, vp.child('fieldRef'))); }
    if (obj(from.resourceFieldRef)) sources++;
    const cm = obj(from.configMapKeyRef);
    if (cm) { sources++; errs.push(...validateKeySelector(cm, vp.child('configMapKeyRef'))); }
    const secret = obj(from.secretKeyRef);
    if (secret) { sources++; errs.push(...validateKeySelector(secret, vp.child('secretKeyRef'))); }
    if (sources === 0) {
      errs.push(fe.invalid(vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    } else if (str(ev.value) !== '') {
      errs.push(fe.invalid(vp, '', 'may not be specified when `value` is not empty'));
    } else if (sources > 1) {
      errs.push(fe.invalid(vp, '', 'may not have more than one field specified at a time'));
    }
  });
  return errs;
}

function validateVolumeMounts(mounts: Obj[], volumes: ReadonlySet<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  mounts.forEach((m, i) => {
    const p = path.index(i);
    const name = str(m.name);
    const mountPath = str(m.mountPath);
    if (name === '') errs.push(fe.required(p.child('name')));
    if (!volumes.has(name)) errs.push(fe.notFound(p.child('name'), name));
    if (mountPath === '') errs.push(fe.required(p.child('mountPath')));
    if (seen.has(mountPath)) errs.push(fe.invalid(p.child('mountPath'), mountPath, 'must be unique'));
    seen.add(mountPath);
  });
  return errs;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

function validateContainerCommon(c: Container, volumes: ReadonlySet<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c.name);
  if (name === '') errs.push(fe.required(path.child('name')));
  else errs.push(...validateDNS1123Label(name, path.child('name')));
  if (str(c.image) === '') errs.push(fe.required(path.child('image')));
  const tmp = str(c.terminationMessagePolicy);
  if (tmp === '') errs.push(fe.required(path.child('terminationMessagePolicy')));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(fe.notSupported(path.child('terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validateContainerPorts((c.ports as unknown as Obj[] | undefined) ?? [], path.child('ports')));
  errs.push(...validateEnv((c.env as unknown as Obj[] | undefined) ?? [], path.child('env')));
  errs.push(...validateVolumeMounts((c.volumeMounts as Obj[] | undefined) ?? [], volumes, path.child('volumeMounts')));
  const pull = str(c.imagePullPolicy);
  if (pull === '') errs.push(fe.required(path.child('imagePullPolicy')));
  else if (!PULL_POLICIES.includes(pull)) errs.push(fe.notSupported(path.child('imagePullPolicy'), pull, PULL_POLICIES));
  errs.push(...validateResourceRequirements(c.resources, path.child('resources')));
  return errs;
}

/** AccumulateUniqueHostPorts: a host port may be used once per protocol and host IP. */
function checkHostPortConflicts(containers: readonly Container[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((port, pi) => {
      const hostPort = Number(port.hostPort ?? 0);
      if (hostPort === 0) return;
      const key = `${port.protocol ?? ''}/${port.hostIP ?? ''}/${hostPort}`;
      if (seen.has(key)) errs.push(fe.duplicate(path.index(ci).child('ports').index(pi).child('hostPort'), key));
      else seen.add(key);
    });
  });
  return errs;
}

export function validateContainers(containers: readonly Container[] | undefined, volumes: ReadonlySet<string>,
  gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  if (!containers || containers.length === 0) return [fe.required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, volumes, p));
    const name = str(c.name);
    if (names.has(name)) errs.push(fe.duplicate(p.child('name'), name));
    else names.add(name);
    errs.push(...validateLifecycle(c.lifecycle, gracePeriod, p.child('lifecycle')));
    errs.push(...validateProbe('livenessProbe', c.livenessProbe, gracePeriod, p.child('livenessProbe')));
    errs.push(...validateProbe('readinessProbe', c.readinessProbe, gracePeriod, p.child('readinessProbe')));
    errs.push(...validateProbe('startupProbe', c.startupProbe, gracePeriod, p.child('startupProbe')));
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      errs.push(fe.forbidden(p.child('restartPolicy'), 'may not be set for non-init containers'));
    }
  });
  errs.push(...checkHostPortConflicts(containers, path));
  return errs;
}

export function validateInitContainers(inits: readonly Container[] | undefined, regular: readonly Container[] | undefined,
  volumes: ReadonlySet<string>, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((regular ?? []).map((c) => str(c.name)));
  (inits ?? []).forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, volumes, p));
    const restartAlways = c.restartPolicy === 'Always';
    if (c.restartPolicy !== undefined && c.restartPolicy !== null && !restartAlways) {
      errs.push(fe.notSupported(p.child('restartPolicy'), c.restartPolicy, ['Always']));
    }
    const name = str(c.name);
    if (names.has(name)) errs.push(fe.duplicate(p.child('name'), name));
    else if (name !== '') names.add(name);
    errs.push(...checkHostPortConflicts([c], path));
    if (restartAlways) {
      errs.push(...validateLifecycle(c.lifecycle, gracePeriod, p.child('lifecycle')));
      errs.push(...validateProbe('livenessProbe', c.livenessProbe, gracePeriod, p.child('livenessProbe')));
      errs.push(...validateProbe('readinessProbe', c.readinessProbe, gracePeriod, p.child('readinessProbe')));
      errs.push(...validateProbe('startupProbe', c.startupProbe, gracePeriod, p.child('startupProbe')));
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (c[f] !== undefined && c[f] !== null) errs.push(fe.forbidden(p.child(f), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

/** ValidateContainerUpdates: the number of containers is fixed; images may change but not be emptied. */
export function validateContainerUpdates(next: readonly Container[] | undefined, prev: readonly Container[] | undefined,
  path: FieldPath): { errs: FieldError[]; stop: boolean } {
  const n = next ?? [];
  if (n.length !== (prev ?? []).length) return { errs: [fe.forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  n.forEach((c, i) => {
    const image = str(c.image);
    if (image === '') errs.push(fe.required(path.index(i).child('image')));
    if (image.trim().length !== image.length) errs.push(fe.invalid(path.index(i).child('image'), image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

/** validateContainersOnlyForPod: a pod's images may not carry surrounding whitespace. */
export function validateContainersOnlyForPod(containers: readonly Container[] | undefined, path: FieldPath): FieldError[] {
  return (containers ?? []).flatMap((c, i) => {
    const image = str(c.image);
    return image.trim().length !== image.length
      ? [fe.invalid(path.index(i).child('image'), image, 'must not have leading or trailing whitespace')]
      : [];
  });
}
