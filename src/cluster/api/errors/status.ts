// metav1.Status failures exactly as kube-apiserver builds them
// (k8s.io/apimachinery/pkg/api/errors/errors.go). kubectl prints
// `Error from server (<reason>): <message>`, and clients branch on reason and
// code, so every field and its order matter. Keys are inserted in the order Go
// serializes the struct, so JSON.stringify reproduces kube-apiserver's bytes.

import type { Status, StatusCause } from '../types';
import { aggregateMessage, errorBody, type FieldError } from './field-error';
import { goQuote } from './go-format';

/** schema.GroupResource: `pods`, `deployments.apps`. Resource is the plural, lower-case name. */
export interface GroupResource {
  group: string;
  resource: string;
}

/** schema.GroupKind: `Service`, `Deployment.apps`. */
export interface GroupKind {
  group: string;
  kind: string;
}

export function groupResourceString(gr: GroupResource): string {
  return gr.group === '' ? gr.resource : `${gr.resource}.${gr.group}`;
}

export function groupKindString(gk: GroupKind): string {
  return gk.group === '' ? gk.kind : `${gk.kind}.${gk.group}`;
}

type Details = NonNullable<Status['details']>;

function details(d: { name?: string; group?: string; kind?: string; causes?: StatusCause[]; retryAfterSeconds?: number }): Details {
  // metav1.StatusDetails field order, empty values omitted as `omitempty` does.
  const out: Details = {};
  if (d.name) out.name = d.name;
  if (d.group) out.group = d.group;
  if (d.kind) out.kind = d.kind;
  if (d.causes && d.causes.length > 0) out.causes = d.causes;
  if (d.retryAfterSeconds) out.retryAfterSeconds = d.retryAfterSeconds;
  return out;
}

function failure(code: number, reason: string, message: string, det?: Details): Status {
  // Insertion order is Go's field order: kind, apiVersion, metadata, status, message, reason, details, code.
  const s: Record<string, unknown> = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure' };
  if (message) s.message = message;
  if (reason) s.reason = reason;
  if (det && Object.keys(det).length > 0) s.details = det;
  s.code = code;
  return s as unknown as Status;
}

export function notFound(gr: GroupResource, name: string): Status {
  return failure(404, 'NotFound', `${groupResourceString(gr)} ${goQuote(name)} not found`,
    details({ name, group: gr.group, kind: gr.resource }));
}

export function alreadyExists(gr: GroupResource, name: string): Status {
  return failure(409, 'AlreadyExists', `${groupResourceString(gr)} ${goQuote(name)} already exists`,
    details({ name, group: gr.group, kind: gr.resource }));
}

export function generateNameConflict(gr: GroupResource, name: string, retryAfterSeconds: number): Status {
  return failure(409, 'AlreadyExists',
    `${groupResourceString(gr)} ${goQuote(name)} already exists, the server was not able to generate a unique name for the object`,
    details({ name, group: gr.group, kind: gr.resource, retryAfterSeconds }));
}

/** The detail kube-apiserver's storage gives when a resourceVersion precondition fails. */
export const OBJECT_MODIFIED = 'the object has been modified; please apply your changes to the latest version and try again';

export function conflict(gr: GroupResource, name: string, err: string = OBJECT_MODIFIED): Status {
  return failure(409, 'Conflict', `Operation cannot be fulfilled on ${groupResourceString(gr)} ${goQuote(name)}: ${err}`,
    details({ name, group: gr.group, kind: gr.resource }));
}

export function forbidden(gr: GroupResource, name: string, err: string): Status {
  let message: string;
  if (gr.group === '' && gr.resource === '') message = `forbidden: ${err}`;
  else if (name === '') message = `${groupResourceString(gr)} is forbidden: ${err}`;
  else message = `${groupResourceString(gr)} ${goQuote(name)} is forbidden: ${err}`;
  return failure(403, 'Forbidden', message, details({ name, group: gr.group, kind: gr.resource }));
}

export function unauthorized(reason = ''): Status {
  return failure(401, 'Unauthorized', reason || 'not authorized');
}

/** NewInvalid: 422 with one cause per field error and the aggregated message. */
export function invalid(gk: GroupKind, name: string, errs: readonly FieldError[]): Status {
  const causes: StatusCause[] = errs.map((e) => {
    const c: StatusCause = {};
    if (e.type) c.reason = e.type;
    const msg = errorBody(e);
    if (msg) c.message = msg;
    if (e.field) c.field = e.field;
    return c;
  });
  const agg = aggregateMessage(errs);
  const message = agg === undefined
    ? `${groupKindString(gk)} ${goQuote(name)} is invalid`
    : `${groupKindString(gk)} ${goQuote(name)} is invalid: ${agg}`;
  return failure(422, 'Invalid', message, details({ name, group: gk.group, kind: gk.kind, causes }));
}

export function badRequest(reason: string): Status {
  return failure(400, 'BadRequest', reason);
}

/** The decoding failure kube-apiserver reports for a body it cannot turn into the kind. */
export function cannotBeHandledAs(kind: string, version: string, err: string): Status {
  return badRequest(`${kind} in version ${goQuote(version)} cannot be handled as a ${kind}: ${err}`);
}

/** NewRequestEntityTooLargeError: a body over the server's limit (`limit is 3145728`). */
export function requestEntityTooLarge(message: string): Status {
  return failure(413, 'RequestEntityTooLarge', `Request entity too large: ${message}`);
}

export function methodNotSupported(gr: GroupResource, action: string): Status {
  return failure(405, 'MethodNotAllowed', `${action} is not supported on resources of kind ${goQuote(groupResourceString(gr))}`,
    details({ group: gr.group, kind: gr.resource }));
}

/** NewGone (deprecated upstream in favour of resourceExpired, still used by some paths). */
export function gone(message: string): Status {
  return failure(410, 'Gone', message);
}

export function resourceExpired(message: string): Status {
  return failure(410, 'Expired', message);
}

/** What the watch cache answers for a watch from a compacted revision. */
export function tooOldResourceVersion(requested: number | string, oldest: number | string): Status {
  return resourceExpired(`too old resource version: ${requested} (${oldest})`);
}

/**
 * What ErrorToAPIStatus makes of an error that is not a Status (e.g. a DeleteOptions body
 * the decoder refuses): 500, no reason (StatusReasonUnknown), the error's text.
 */
export function unknownError(message: string): Status {
  return failure(500, '', message);
}

export function internalError(err: string): Status {
  return failure(500, 'InternalError', `Internal error occurred: ${err}`, details({ causes: [{ message: err }] }));
}

export function serverTimeout(gr: GroupResource, operation: string, retryAfterSeconds: number): Status {
  return failure(500, 'ServerTimeout',
    `The ${operation} operation against ${groupResourceString(gr)} could not be completed at this time, please try again.`,
    details({ name: operation, group: gr.group, kind: gr.resource, retryAfterSeconds }));
}

export function timeout(message: string, retryAfterSeconds: number): Status {
  return failure(504, 'Timeout', `Timeout: ${message}`, details({ retryAfterSeconds }));
}

export function tooManyRequests(message: string, retryAfterSeconds: number): Status {
  return failure(429, 'TooManyRequests', message, details({ retryAfterSeconds }));
}

export function serviceUnavailable(reason: string): Status {
  return failure(503, 'ServiceUnavailable', reason);
}
