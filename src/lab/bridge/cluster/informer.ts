// One resource kept in memory from the API server: list, then watch from the
// list's resourceVersion; relist when the watch ends or the version is too old
// (410 Gone); back off when the server does not answer (capped), as
// kubernetes-client/javascript's informer does. I/O and time are injected.
import type { KubeList, KubeObject, KubeTransport, WatchEvent } from './kube-http';

export interface InformerStatus {
  synced: boolean;
  error?: string;
}

export interface Sleeper {
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const realSleeper: Sleeper = {
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    }),
};

const BACKOFF_MIN_MS = 500;
/** Capped so the views catch the control plane within seconds of it coming up. */
const BACKOFF_MAX_MS = 5000;

export const objectKey = (o: KubeObject) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;

export class Informer {
  readonly store = new Map<string, KubeObject>();
  status: InformerStatus = { synced: false };
  private readonly abort = new AbortController();
  private stopWatch: (() => void) | undefined;

  constructor(
    private readonly http: KubeTransport,
    private readonly path: string,
    private readonly onChange: () => void,
    private readonly sleeper: Sleeper = realSleeper,
  ) {}

  async run(): Promise<void> {
    let backoff = BACKOFF_MIN_MS;
    while (!this.abort.signal.aborted) {
      try {
        const list = (await this.http.get(this.path)) as KubeList;
        this.store.clear();
        for (const item of list.items ?? []) this.store.set(objectKey(item), item);
        this.status = { synced: true };
        this.onChange();
        backoff = BACKOFF_MIN_MS;
        let rv = list.metadata?.resourceVersion ?? '';
        let gone = false;
        const sep = this.path.includes('?') ? '&' : '?';
        const w = this.http.watch(`${this.path}${sep}watch=1&allowWatchBookmarks=true&resourceVersion=${encodeURIComponent(rv)}`, (e: WatchEvent) => {
          if (e.type === 'ERROR') {
            gone = true;
            return;
          }
          rv = e.object.metadata?.resourceVersion ?? rv;
          if (e.type === 'BOOKMARK') return;
          if (e.type === 'DELETED') this.store.delete(objectKey(e.object));
          else this.store.set(objectKey(e.object), e.object);
          this.onChange();
        });
        this.stopWatch = w.stop;
        const watchStarted = Date.now();
        await w.done;
        // A server that ends every watch at once must not make this loop spin.
        if (Date.now() - watchStarted < 1000) await this.sleeper.sleep(BACKOFF_MIN_MS, this.abort.signal);
        // A watch that ended (timeout, 410, server restart) is followed by a fresh list.
        if (gone) continue;
      } catch (err) {
        if (this.abort.signal.aborted) return;
        this.status = { synced: false, error: (err as Error).message };
        this.onChange();
        await this.sleeper.sleep(backoff, this.abort.signal);
        backoff = Math.min(BACKOFF_MAX_MS, backoff * 2);
      }
    }
  }

  stop(): void {
    this.abort.abort();
    this.stopWatch?.();
  }
}
