// A failed API call: carries the metav1.Status the client receives.
import type { Status } from '../api/types';

export class ApiError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? status.reason ?? 'error');
  }
}

export function fail(status: Status): never {
  throw new ApiError(status);
}
