// Docker reports times in RFC 3339 with nanoseconds; Kubernetes' metav1.Time
// serializes whole seconds. Docker's zero time means "never".

const DOCKER_ZERO = '0001-01-01T00:00:00Z';

/** `2024-05-01T12:00:00.123456789Z` → `2024-05-01T12:00:00Z`; undefined for Docker's zero time or garbage. */
export function kubeTime(dockerTime: string | undefined): string | undefined {
  if (!dockerTime || dockerTime === DOCKER_ZERO || dockerTime.startsWith('0001-')) return undefined;
  const ms = Date.parse(dockerTime);
  if (!Number.isFinite(ms)) return undefined;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function kubeNow(now: Date = new Date()): string {
  return new Date(Math.floor(now.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
