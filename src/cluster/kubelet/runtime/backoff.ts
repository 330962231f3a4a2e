// The kubelet's back-off (client-go flowcontrol.Backoff as the kubelet makes
// it: 10 s doubling to 5 min, no jitter): between restarts of a crashing
// container (CrashLoopBackOff) and between tries of a failing image
// (ImagePullBackOff). An entry resets once the thing behaved for twice the
// maximum (10 minutes). Time is injected.

export const INITIAL_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 300_000;

interface Entry {
  backoffMs: number;
  lastUpdate: number;
}

export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly initialMs = INITIAL_BACKOFF_MS,
    private readonly maxMs = MAX_BACKOFF_MS,
  ) {}

  private expired(eventTime: number, entry: Entry): boolean {
    return eventTime - entry.lastUpdate > this.maxMs * 2;
  }

  /** Records a (re)start at `eventTime` (for containers: when the last run finished). */
  next(id: string, eventTime: number): void {
    const entry = this.entries.get(id);
    const backoffMs = !entry || this.expired(eventTime, entry) ? this.initialMs : Math.min(entry.backoffMs * 2, this.maxMs);
    this.entries.set(id, { backoffMs, lastUpdate: this.now() });
  }

  /** Whether a restart now must still wait, counting from `eventTime` (the last run's finish). */
  isInBackOffSince(id: string, eventTime: number): boolean {
    const entry = this.entries.get(id);
    if (!entry || this.expired(eventTime, entry)) return false;
    return this.now() - eventTime < entry.backoffMs;
  }

  /** Whether a retry now must still wait, counting from the last next() (image pulls). */
  isInBackOffSinceUpdate(id: string): boolean {
    const entry = this.entries.get(id);
    const now = this.now();
    if (!entry || this.expired(now, entry)) return false;
    return now - entry.lastUpdate < entry.backoffMs;
  }

  /** The current delay, 0 for an unknown id. */
  get(id: string): number {
    return this.entries.get(id)?.backoffMs ?? 0;
  }

  reset(id: string): void {
    this.entries.delete(id);
  }

  /** Forgets entries that have expired. */
  gc(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) if (this.expired(now, entry)) this.entries.delete(id);
  }
}

/** Go's time.Duration.String() for whole milliseconds: 10s, 1m20s, 5m0s, 500ms. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const totalSeconds = ms / 1000;
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = Number((totalSeconds % 60).toFixed(3));
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}
