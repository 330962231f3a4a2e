// The 400 the API server answers when a selector or a table option cannot be
// honoured. kube-apiserver wraps these errors with errors.NewBadRequest, so the
// client sees `Error from server (BadRequest): <message>`.

import type { Status } from '../types';

export function badRequestStatus(message: string): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'BadRequest',
    code: 400,
  };
}

export class BadRequestError extends Error {
  readonly status: Status;

  constructor(message: string) {
    super(message);
    this.name = 'BadRequestError';
    this.status = badRequestStatus(message);
  }
}
