// The API server's view of etcd: every object under /registry decoded and kept
// in memory, plus a window of recent changes so watches can resume from a
// resourceVersion. Reads are served from here; writes go to etcd and wait
// until this cache has seen them, so a client always reads its own writes.
import type { KubeObject } from '../../api/types';
import type { KeyValue, KV, WatchEvent, WatchHandle } from '../../etcd/kv';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change {
  type: ChangeType;
  key: string;
  object: KubeObject;
  prevObject?: KubeObject;
  revision: number;
}

interface Entry {
  object: KubeObject;
  modRevision: number;
}

/** How many changes stay available for watches that resume from an older resourceVersion. */
const HISTORY_CAPACITY = 20_000;
/** Delay before re-establishing a lost etcd watch. */
const REWATCH_DELAY_MS = 200;

export class Expired extends Error {
  constructor(
    readonly requested: number,
    readonly oldest: number,
  ) {
    super(`too old resource version: ${requested} (${oldest})`);
  }
}

/** The stored object, or undefined for a value that is not one (written by hand with etcdctl, say). */
function decode(kv: KeyValue): KubeObject | undefined {
  let object: KubeObject;
  try {
    object = JSON.parse(kv.value) as KubeObject;
  } catch {
    return undefined;
  }
  if (!object || typeof object !== 'object') return undefined;
  object.metadata = object.metadata ?? {};
  object.metadata.resourceVersion = String(kv.modRevision);
  return object;
}

export class WatchCache {
  private readonly entries = new Map<string, Entry>();
  private readonly history: Change[] = [];
  private listeners = new Set<(change: Change) => void>();
  private resetListeners = new Set<() => void>();
  private waiters: { revision: number; resolve: () => void }[] = [];
  private watch?: WatchHandle;
  private stopped = false;
  /** The newest revision this cache reflects. */
  revision = 0;
  /** Watches may resume from any revision >= this one. */
  oldestResumable = 0;

  constructor(
    private readonly kv: KV,
    private readonly prefix = '/registry/',
  ) {}

  async start(): Promise<void> {
    const { kvs, revision } = await this.kv.range(this.prefix);
    this.entries.clear();
    for (const kv of kvs) {
      const object = decode(kv);
      if (object) this.entries.set(kv.key, { object, modRevision: kv.modRevision });
    }
    this.revision = revision;
    this.history.length = 0;
    this.oldestResumable = revision;
    this.follow(revision + 1);
  }

  stop(): void {
    this.stopped = true;
    this.watch?.close();
  }

  private follow(fromRevision: number): void {
    this.watch = this.kv.watch(this.prefix, fromRevision, {
      onEvents: (events, revision) => this.apply(events, revision),
      onClose: (reason) => {
        if (this.stopped) return;
        if (reason.compacted) {
          // We fell behind etcd's history: rebuild, and tell watchers to relist.
          void this.relist();
          return;
        }
        setTimeout(() => !this.stopped && this.follow(this.revision + 1), REWATCH_DELAY_MS);
      },
    });
  }

  private async relist(): Promise<void> {
    try {
      await this.start();
      for (const listener of this.resetListeners) listener();
    } catch {
      setTimeout(() => void this.relist(), REWATCH_DELAY_MS);
    }
  }

  private apply(events: WatchEvent[], revision: number): void {
    for (const event of events) {
      const key = event.kv.key;
      const previous = this.entries.get(key);
      let change: Change;
      if (event.type === 'DELETE') {
        if (!previous) continue;
        this.entries.delete(key);
        const object = structuredClone(previous.object);
        // A deleted object is reported at the revision of its deletion, as etcd3 storage does.
        object.metadata.resourceVersion = String(event.kv.modRevision);
        change = { type: 'DELETED', key, object, prevObject: previous.object, revision: event.kv.modRevision };
      } else {
        const object = decode(event.kv);
        if (!object) continue;
        this.entries.set(key, { object, modRevision: event.kv.modRevision });
        change = { type: previous ? 'MODIFIED' : 'ADDED', key, object, prevObject: previous?.object, revision: event.kv.modRevision };
      }
      this.history.push(change);
      if (this.history.length > HISTORY_CAPACITY) {
        const dropped = this.history.shift()!;
        this.oldestResumable = dropped.revision;
      }
      this.revision = Math.max(this.revision, change.revision);
      for (const listener of this.listeners) listener(change);
    }
    this.revision = Math.max(this.revision, revision);
    this.waiters = this.waiters.filter((w) => {
      if (w.revision > this.revision) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves once the cache reflects `revision` (a write's), or rejects after `timeoutMs`. */
  waitFor(revision: number, timeoutMs = 5000): Promise<void> {
    if (revision <= this.revision) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`storage did not catch up with revision ${revision} within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push({ revision, resolve: done });
    });
  }

  get(key: string): KubeObject | undefined {
    return this.entries.get(key)?.object;
  }

  modRevision(key: string): number | undefined {
    return this.entries.get(key)?.modRevision;
  }

  /** Objects whose key starts with `prefix`, in key order (namespace, then name). */
  list(prefix: string): KubeObject[] {
    const out: { key: string; object: KubeObject }[] = [];
    for (const [key, entry] of this.entries) if (key.startsWith(prefix)) out.push({ key, object: entry.object });
    out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return out.map((e) => e.object);
  }

  /** Changes after `revision` under `prefix`; throws Expired when they are no longer kept. */
  changesSince(revision: number, prefix: string): Change[] {
    if (revision < this.oldestResumable) throw new Expired(revision, this.oldestResumable);
    return this.history.filter((c) => c.revision > revision && c.key.startsWith(prefix));
  }

  subscribe(listener: (change: Change) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called when the cache was rebuilt from scratch: watchers must end so clients relist. */
  onReset(listener: () => void): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }
}
