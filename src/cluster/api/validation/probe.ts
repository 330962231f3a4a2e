// Probes and lifecycle handlers (validateProbe, validateHandler and friends in
// pkg/apis/core/validation/validation.go).

import { fieldErrors as fe, type FieldError, type FieldPath } from '../errors';
import { validateNonnegativeField } from './metadata';
import { isHTTPHeaderName, isValidPortName, isValidPortNum } from './names';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' ? (v as Obj) : undefined);

/** ValidatePortNumOrName: an IntOrString port, a number or an IANA name. */
export function validatePortNumOrName(port: unknown, path: FieldPath): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((msg) => fe.invalid(path, port, msg));
  if (typeof port === 'string') return isValidPortName(port).map((msg) => fe.invalid(path, port, msg));
  return [fe.internal(path, `unknown type: ${port === undefined ? 0 : typeof port}`)];
}

type HandlerKind = 'exec' | 'httpGet' | 'tcpSocket' | 'grpc' | 'sleep';

function validateOneHandler(kind: HandlerKind, h: Obj, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  switch (kind) {
    case 'exec':
      if (!Array.isArray(h.command) || h.command.length === 0) errs.push(fe.required(path.child('command')));
      break;
    case 'httpGet': {
      if (!h.path) errs.push(fe.required(path.child('path')));
      errs.push(...validatePortNumOrName(h.port, path.child('port')));
      const scheme = (h.scheme as string | undefined) ?? '';
      if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(fe.notSupported(path.child('scheme'), scheme, ['HTTP', 'HTTPS']));
      for (const header of (h.httpHeaders as Obj[] | undefined) ?? []) {
        const name = String(header.name ?? '');
        for (const msg of isHTTPHeaderName(name)) errs.push(fe.invalid(path.child('httpHeaders'), name, msg));
      }
      break;
    }
    case 'tcpSocket':
      errs.push(...validatePortNumOrName(h.port, path.child('port')));
      break;
    case 'grpc':
      errs.push(...validatePortNumOrName(typeof h.port === 'number' ? h.port : 0, path.child('port')));
      break;
    case 'sleep': {
      const seconds = Number(h.seconds ?? 0);
      if (gracePeriod !== undefined && (seconds < 0 || seconds > gracePeriod)) {
        errs.push(fe.invalid(path, seconds, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`));
      }
      break;
    }
  }
  return errs;
}

/** validateHandler: exactly one handler kind. */
export function validateHandler(handler: Obj, allowed: readonly (HandlerKind)[], gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const kind of allowed) {
    const h = obj(handler[kind]);
    if (!h) continue;
    if (count > 0) {
      errs.push(fe.forbidden(path.child(kind), 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    errs.push(...validateOneHandler(kind, h, gracePeriod, path.child(kind)));
  }
  if (count === 0) errs.push(fe.required(path, 'must specify a handler type'));
  return errs;
}

const probeHandlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const lifecycleHandlers = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;

export type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

export function validateProbe(kind: ProbeKind, probe: unknown, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const p = obj(probe);
  if (!p) return [];
  const errs = validateHandler(p, probeHandlers, gracePeriod, path);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...validateNonnegativeField(Number(p[f] ?? 0), path.child(f)));
  }
  const tgps = p.terminationGracePeriodSeconds;
  if (typeof tgps === 'number' && tgps <= 0) errs.push(fe.invalid(path.child('terminationGracePeriodSeconds'), tgps, 'must be greater than 0'));
  if (kind !== 'readinessProbe' && Number(p.successThreshold ?? 0) !== 1) {
    errs.push(fe.invalid(path.child('successThreshold'), Number(p.successThreshold ?? 0), 'must be 1'));
  }
  if (kind === 'readinessProbe' && tgps !== undefined && tgps !== null) {
    errs.push(fe.invalid(path.child('terminationGracePeriodSeconds'), tgps, 'must not be set for readinessProbes'));
  }
  return errs;
}

export function validateLifecycle(lifecycle: unknown, gracePeriod: number | undefined, path: FieldPath): FieldError[] {
  const l = obj(lifecycle);
  if (!l) return [];
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop']) {
    const h = obj(l[hook]);
    if (h) errs.push(...validateHandler(h, lifecycleHandlers, gracePeriod, path.child(hook)));
  }
  return errs;
}
