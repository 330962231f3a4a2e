// A minimal metav1.Status for decode failures. Kept private to this module so the
// shared errors package can replace it later without touching callers.
import type { Status } from '../types';

export function badRequest(message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'BadRequest', code: 400 };
}
