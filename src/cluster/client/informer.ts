// List, then watch from the list's resourceVersion; resume after a dropped
// stream, relist after 410 Gone; keep a local copy of the objects and tell
// handlers what changed (kubernetes-client/javascript informer.ts, client-go
// reflector). Timers are injected so tests can run it without waiting.
import type { KubeObject } from '../api/types';
import { ApiStatusError, type ResourceRef, type RestClient, type WatchEventMessage } from './rest';

export interface InformerHandlers<T extends KubeObject> {
  add?(object: T): void;
  update?(object: T, old: T): void;
  delete?(object: T): void;
  /** After the first list and after every relist. */
  synced?(): void;
}

export interface InformerOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Backoff after errors: starts here and doubles up to maxBackoffMs. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  log?: (line: string) => void;
}

export function objectKey(o: KubeObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name!;
}

export class Informer<T extends KubeObject = KubeObject> {
  private readonly store = new Map<string, T>();
  private readonly handlers: InformerHandlers<T>[] = [];
  private resourceVersion = '';
  private stream?: { stop(): void };
  private timer: unknown;
  private stopped = true;
  private backoff: number;
  private hasSynced = false;
  private syncWaiters: (() => void)[] = [];

  constructor(
    private readonly client: RestClient,
    private readonly ref: ResourceRef,
    private readonly options: InformerOptions = {},
  ) {
    this.backoff = options.minBackoffMs ?? 200;
  }

  on(handlers: InformerHandlers<T>): this {
    this.handlers.push(handlers);
    return this;
  }

  start(): this {
    if (!this.stopped) return this;
    this.stopped = false;
    void this.relist();
    return this;
  }

  stop(): void {
    this.stopped = true;
    this.stream?.stop();
    if (this.timer !== undefined) (this.options.clearTimeout ?? clearTimeout)(this.timer as never);
  }

  /** Resolves after the first successful list. */
  waitForSync(): Promise<void> {
    if (this.hasSynced) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  get synced(): boolean {
    return this.hasSynced;
  }

  list(): T[] {
    return [...this.store.values()];
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.store.get(namespace ? `${namespace}/${name}` : name);
  }

  private later(fn: () => void, ms: number): void {
    this.timer = (this.options.setTimeout ?? setTimeout)(fn, ms);
  }

  private retry(err: unknown, what: string): void {
    if (this.stopped) return;
    this.options.log?.(`${this.ref.resource} ${what} failed: ${(err as Error)?.message ?? err}; retrying in ${this.backoff} ms`);
    this.later(() => void this.relist(), this.backoff);
    this.backoff = Math.min(this.backoff * 2, this.options.maxBackoffMs ?? 5000);
  }

  private async relist(): Promise<void> {
    if (this.stopped) return;
    let list;
    try {
      list = await this.client.list<T>(this.ref, this.options);
    } catch (err) {
      return this.retry(err, 'list');
    }
    if (this.stopped) return;
    this.replace(list.items);
    this.resourceVersion = list.metadata.resourceVersion ?? '';
    this.backoff = this.options.minBackoffMs ?? 200;
    this.hasSynced = true;
    for (const w of this.syncWaiters.splice(0)) w();
    for (const h of this.handlers) h.synced?.();
    this.watch();
  }

  /** Makes the store equal to `items`, telling handlers about each difference. */
  private replace(items: T[]): void {
    const seen = new Set<string>();
    for (const item of items) {
      const key = objectKey(item);
      seen.add(key);
      const old = this.store.get(key);
      this.store.set(key, item);
      if (!old) for (const h of this.handlers) h.add?.(item);
      else if (old.metadata.resourceVersion !== item.metadata.resourceVersion) for (const h of this.handlers) h.update?.(item, old);
    }
    for (const [key, old] of this.store) {
      if (seen.has(key)) continue;
      this.store.delete(key);
      for (const h of this.handlers) h.delete?.(old);
    }
  }

  private watch(): void {
    if (this.stopped) return;
    this.stream = this.client.watch(
      this.ref,
      { ...this.options, resourceVersion: this.resourceVersion },
      (event) => this.onEvent(event),
      (err) => {
        if (this.stopped) return;
        if (err) return this.retry(err, 'watch');
        // A watch that timed out normally resumes where it was.
        this.watch();
      },
    );
  }

  private onEvent(event: WatchEventMessage<KubeObject>): void {
    const object = event.object as T;
    if (event.type === 'ERROR') {
      const code = (event.object as unknown as { code?: number }).code;
      this.stream?.stop();
      if (code === 410) {
        // Too old: what we missed is gone from the server's history. Start over.
        this.later(() => void this.relist(), 0);
      } else this.retry(new ApiStatusError(code ?? 0, undefined, JSON.stringify(event.object)), 'watch');
      return;
    }
    if (object.metadata?.resourceVersion) this.resourceVersion = object.metadata.resourceVersion;
    if (event.type === 'BOOKMARK') return;
    const key = objectKey(object);
    const old = this.store.get(key);
    if (event.type === 'DELETED') {
      this.store.delete(key);
      for (const h of this.handlers) h.delete?.(object);
      return;
    }
    this.store.set(key, object);
    if (old) for (const h of this.handlers) h.update?.(object, old);
    else for (const h of this.handlers) h.add?.(object);
  }
}
