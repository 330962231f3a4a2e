// An in-memory KV with etcd's revision semantics, for tests of everything
// above the store (it is not used in the lab).
import type { KeyValue, KV, RangeResult, WatchCallbacks, WatchEvent, WatchHandle, WriteResult } from './kv';

export class MemoryKV implements KV {
  private revision = 1;
  private compacted = 0;
  private readonly data = new Map<string, KeyValue>();
  private readonly history: { revision: number; event: WatchEvent }[] = [];
  private readonly watchers = new Set<{ prefix: string; callbacks: WatchCallbacks }>();

  async range(prefix: string): Promise<RangeResult> {
    const kvs = [...this.data.values()].filter((kv) => kv.key.startsWith(prefix)).sort((a, b) => (a.key < b.key ? -1 : 1));
    return { kvs, revision: this.revision };
  }

  async get(key: string): Promise<{ kv?: KeyValue; revision: number }> {
    return { kv: this.data.get(key), revision: this.revision };
  }

  private write(key: string, value: string | undefined): number {
    const prev = this.data.get(key);
    this.revision++;
    let event: WatchEvent;
    if (value === undefined) {
      this.data.delete(key);
      event = { type: 'DELETE', kv: { key, value: '', createRevision: 0, modRevision: this.revision, version: 0 }, prevKv: prev };
    } else {
      const kv = { key, value, createRevision: prev?.createRevision ?? this.revision, modRevision: this.revision, version: (prev?.version ?? 0) + 1 };
      this.data.set(key, kv);
      event = { type: 'PUT', kv, prevKv: prev };
    }
    this.history.push({ revision: this.revision, event });
    const revision = this.revision;
    queueMicrotask(() => {
      for (const w of this.watchers) if (key.startsWith(w.prefix)) w.callbacks.onEvents([event], revision);
    });
    return this.revision;
  }

  async create(key: string, value: string): Promise<WriteResult> {
    const current = this.data.get(key);
    if (current) return { succeeded: false, revision: this.revision, current };
    return { succeeded: true, revision: this.write(key, value) };
  }

  async update(key: string, value: string, expectedModRevision: number): Promise<WriteResult> {
    const current = this.data.get(key);
    if (!current || current.modRevision !== expectedModRevision) return { succeeded: false, revision: this.revision, current };
    return { succeeded: true, revision: this.write(key, value) };
  }

  async delete(key: string, expectedModRevision?: number): Promise<WriteResult> {
    const current = this.data.get(key);
    if (!current || (expectedModRevision !== undefined && current.modRevision !== expectedModRevision)) return { succeeded: false, revision: this.revision, current };
    return { succeeded: true, revision: this.write(key, undefined) };
  }

  async compact(revision: number): Promise<void> {
    this.compacted = Math.max(this.compacted, revision);
    while (this.history.length && this.history[0]!.revision < revision) this.history.shift();
  }

  watch(prefix: string, fromRevision: number, callbacks: WatchCallbacks): WatchHandle {
    const entry = { prefix, callbacks };
    if (fromRevision > 0 && fromRevision <= this.compacted) {
      queueMicrotask(() => callbacks.onClose({ compacted: this.compacted }));
      return { close() {} };
    }
    const past = this.history.filter((h) => h.revision >= fromRevision && h.event.kv.key.startsWith(prefix));
    queueMicrotask(() => {
      for (const h of past) callbacks.onEvents([h.event], h.revision);
      this.watchers.add(entry);
    });
    return { close: () => this.watchers.delete(entry) };
  }
}
