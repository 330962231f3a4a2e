// A patch the server refuses: the message is upstream's error text, and status is
// the metav1.Status kube-apiserver answers with for it. The Status builders are
// local and small on purpose (the shared errors package may replace them).
import type { Status, StatusCause } from '../types';

export class PatchError extends Error {
  constructor(message: string, readonly status: Status) {
    super(message);
    this.name = 'PatchError';
  }
}

function status(code: number, reason: string, message: string, causes?: StatusCause[]): Status {
  // Go's field order; an empty reason (StatusReasonUnknown) is left out, as omitempty does.
  const s = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message } as Status;
  if (reason) s.reason = reason;
  if (causes) s.details = { causes };
  s.code = code;
  return s;
}

/** errors.NewBadRequest. */
export function badRequest(message: string): PatchError {
  return new PatchError(message, status(400, 'BadRequest', message));
}

/** errors.NewGenericServerResponse(422, ...): the detail goes into a cause. */
export function unprocessable(message: string): PatchError {
  return new PatchError(
    message,
    status(422, 'Invalid', 'the server rejected our request due to an error in our request', [{ reason: 'UnexpectedServerResponse', message }]),
  );
}

/** A plain Go error reaching the handler: ErrorToAPIStatus makes it a 500 with no reason. */
export function internal(message: string): PatchError {
  return new PatchError(message, status(500, '', message));
}

/** errors.NewRequestEntityTooLargeError. */
export function tooLarge(message: string): PatchError {
  return new PatchError(message, status(413, 'RequestEntityTooLarge', `Request entity too large: ${message}`));
}

/**
 * errors.NewInvalid(schema.GroupKind{}, "", {field.Invalid(field.NewPath("patch"), value, detail)}),
 * as the patch handler reports a patched object that does not decode.
 */
export function invalidPatch(value: string, detail: string): PatchError {
  const body = `Invalid value: ${JSON.stringify(value)}: ${detail}`;
  const s = status(422, 'Invalid', ` "" is invalid: patch: ${body}`, [{ reason: 'FieldValueInvalid', message: body, field: 'patch' }]);
  return new PatchError(` "" is invalid: patch: ${body}`, s);
}
