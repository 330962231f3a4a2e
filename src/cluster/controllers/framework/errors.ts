// What an API error says, as Go's err.Error() of a StatusError does.
import { ApiStatusError } from '../../client/rest';

export function apiMessage(err: unknown): string {
  if (err instanceof ApiStatusError && err.status?.message) return err.status.message;
  return (err as Error)?.message ?? String(err);
}

export function isForbidden(err: unknown): boolean {
  return err instanceof ApiStatusError && err.code === 403;
}
