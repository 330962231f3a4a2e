// Scheme defaulting of pods and pod templates (pkg/apis/core/v1/defaults.go),
// plus the v1 conversion details that show in what kubectl reads back
// (`serviceAccount` mirrors `serviceAccountName`, quantities in canonical form).

import type { Container, Pod, PodSpec } from '../types';
import { parseQuantity, quantityString, roundUpQuantity } from '../validation/quantity';
import { defaultPullPolicy } from './image';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
const DEFAULT_MODE = 0o644; // 420, what `kubectl get -o yaml` shows as defaultMode

/** SetDefaults_ResourceList: canonical quantities, rounded up to whole milli-units. */
function defaultResourceList(list: unknown): void {
  const l = obj(list);
  if (!l) return;
  for (const [k, v] of Object.entries(l)) {
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    const q = parseQuantity(v);
    if (typeof q !== 'string') l[k] = quantityString(roundUpQuantity(q, -3));
  }
}

function defaultProbe(probe: unknown): void {
  const p = obj(probe);
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  defaultHandler(p);
}

function defaultHandler(h: Obj): void {
  const http = obj(h.httpGet);
  if (http) {
    if (!http.path) http.path = '/';
    if (!http.scheme) http.scheme = 'HTTP';
  }
  const grpc = obj(h.grpc);
  if (grpc) grpc.service ??= '';
}

export function defaultContainer(c: Container): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(c.image ?? '');
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  for (const p of c.ports ?? []) if (!p.protocol) p.protocol = 'TCP';
  for (const e of c.env ?? []) {
    const ref = obj(obj(e.valueFrom)?.fieldRef);
    if (ref && !ref.apiVersion) ref.apiVersion = 'v1';
  }
  // resources is a struct, not a pointer: Go always writes it, as `{}` when empty.
  c.resources ??= {};
  defaultResourceList(c.resources.limits);
  defaultResourceList(c.resources.requests);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  const lc = obj(c.lifecycle);
  for (const hook of ['postStart', 'preStop']) {
    const h = obj(lc?.[hook]);
    if (h) defaultHandler(h);
  }
}

function defaultVolume(v: Obj): void {
  const sources = Object.keys(v).filter((k) => k !== 'name' && v[k] !== undefined && v[k] !== null);
  if (sources.length === 0) v.emptyDir = {};
  const hostPath = obj(v.hostPath);
  if (hostPath) hostPath.type ??= '';
  for (const k of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const s = obj(v[k]);
    if (s) s.defaultMode ??= DEFAULT_MODE;
  }
  for (const src of (obj(v.projected)?.sources as Obj[] | undefined) ?? []) {
    const sat = obj(src.serviceAccountToken);
    if (sat) sat.expirationSeconds ??= 3600;
  }
  for (const item of (obj(v.downwardAPI)?.items as Obj[] | undefined) ?? []) {
    const ref = obj(item.fieldRef);
    if (ref && !ref.apiVersion) ref.apiVersion = 'v1';
  }
}

/** SetDefaults_PodSpec and what it cascades to, for pods and templates alike. */
export function defaultPodSpec(spec: PodSpec): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  if (!spec.schedulerName) spec.schedulerName = DEFAULT_SCHEDULER_NAME;
  // v1's deprecated serviceAccount mirrors serviceAccountName in both directions.
  if (!spec.serviceAccountName && typeof spec.serviceAccount === 'string' && spec.serviceAccount) {
    spec.serviceAccountName = spec.serviceAccount;
  }
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  for (const v of (spec.volumes as Obj[] | undefined) ?? []) defaultVolume(v);
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
}

function requestsFromLimits(c: Container): void {
  const limits = c.resources?.limits;
  if (!limits) return;
  c.resources!.requests ??= {};
  for (const [k, v] of Object.entries(limits)) if (!(k in c.resources!.requests)) c.resources!.requests[k] = v;
}

/**
 * InPlacePodVerticalScaling (on by default): a regular container that requests
 * cpu or memory may have it resized in place, and says so in resizePolicy.
 */
function defaultResizePolicy(c: Container): void {
  const requests = c.resources?.requests;
  if (!requests) return;
  const policies = (c.resizePolicy as { resourceName: string; restartPolicy: string }[] | undefined) ?? [];
  const specified = new Set(policies.map((p) => p.resourceName));
  const added = ['cpu', 'memory'].filter((r) => r in requests && !specified.has(r));
  if (added.length > 0) c.resizePolicy = [...policies, ...added.map((r) => ({ resourceName: r, restartPolicy: 'NotRequired' }))];
}

/** SetDefaults_Pod: what only a real pod gets, on top of its spec's defaults. */
export function defaultPod(pod: Pod): void {
  pod.spec ??= { containers: [] };
  const spec = pod.spec;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) requestsFromLimits(c);
  for (const c of spec.containers ?? []) defaultResizePolicy(c);
  spec.enableServiceLinks ??= true;
  if (spec.hostNetwork) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const p of c.ports ?? []) if (!p.hostPort) p.hostPort = p.containerPort;
    }
  }
  defaultPodSpec(spec);
}
