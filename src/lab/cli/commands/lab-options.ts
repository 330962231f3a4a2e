// Settings every lab command shares, from the environment.
import { DEFAULT_API_PORT, HOST_NAMES, type HostName } from '../../topology/plan';
import { UsageError } from '../command';

export function labName(): string {
  return process.env.KUBELAB_LAB || 'kubelab';
}

export function apiPort(): number {
  const raw = process.env.KUBELAB_API_PORT;
  if (!raw) return DEFAULT_API_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`KUBELAB_API_PORT=${raw} is not a port number`);
  return port;
}

export function hostContainer(host: string | undefined): string {
  if (!host || !(HOST_NAMES as readonly string[]).includes(host)) {
    throw new UsageError(`HOST must be one of ${HOST_NAMES.join(', ')}${host ? ` (not "${host}")` : ''}`);
  }
  return `${labName()}-${host as HostName}`;
}
