// The key-value store the API server keeps objects in: etcd, reached through
// its v3 JSON gateway in the lab, or an in-memory twin in tests. Revisions are
// etcd's: one counter for the whole store, bumped by every write.

export interface KeyValue {
  key: string;
  value: string;
  createRevision: number;
  modRevision: number;
  version: number;
}

export interface WatchEvent {
  type: 'PUT' | 'DELETE';
  kv: KeyValue;
  prevKv?: KeyValue;
}

export interface RangeResult {
  kvs: KeyValue[];
  revision: number;
}

export interface WriteResult {
  /** False when the compare failed (the key existed for a create, or changed since expected). */
  succeeded: boolean;
  revision: number;
  /** The current value when the compare failed, if any. */
  current?: KeyValue;
}

export interface WatchHandle {
  close(): void;
}

export interface WatchCallbacks {
  onEvents(events: WatchEvent[], revision: number): void;
  /** The watch ended: `compacted` when fromRevision is older than the store keeps. */
  onClose(reason: { compacted?: number; error?: Error }): void;
}

export interface KV {
  range(prefix: string): Promise<RangeResult>;
  get(key: string): Promise<{ kv?: KeyValue; revision: number }>;
  create(key: string, value: string): Promise<WriteResult>;
  update(key: string, value: string, expectedModRevision: number): Promise<WriteResult>;
  delete(key: string, expectedModRevision?: number): Promise<WriteResult>;
  watch(prefix: string, fromRevision: number, callbacks: WatchCallbacks): WatchHandle;
  compact(revision: number): Promise<void>;
}

/** The smallest key greater than every key with this prefix (etcd's range_end). */
export function prefixEnd(prefix: string): string {
  const bytes = Buffer.from(prefix);
  for (let i = bytes.length - 1; i >= 0; i--) {
    if (bytes[i]! < 0xff) {
      const end = Buffer.from(bytes.subarray(0, i + 1));
      end[i]! += 1;
      return end.toString('latin1');
    }
  }
  return '\0';
}
