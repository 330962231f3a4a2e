// The live set of objects the server answers from. The in-cluster entry feeds
// it from API watches (`setObjects` after a list, `apply` per watch event);
// the server asks for `index()` on every query and gets a cached build.
import type { KubeObject } from '../api/types';
import { buildIndex, type DnsIndex } from './cluster-index';

export interface DnsIndexSource {
  index(): DnsIndex;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

const WATCHED_KINDS = new Set(['Service', 'EndpointSlice', 'Pod', 'Namespace']);

function objectKey(obj: KubeObject): string {
  return `${obj.kind}/${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
}

export class DnsObjectSource implements DnsIndexSource {
  private objects = new Map<string, KubeObject>();
  private cached: DnsIndex | null = null;
  private serial = 0;
  private synced: boolean;

  /** `now` gives Unix seconds; injectable so tests see a known SOA serial. */
  constructor(
    objects?: readonly KubeObject[],
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {
    this.synced = objects !== undefined;
    if (objects) this.setObjects(objects);
  }

  /** Replaces everything (a fresh list). Objects of kinds DNS ignores are dropped. */
  setObjects(objects: readonly KubeObject[]): void {
    this.objects.clear();
    for (const obj of objects) if (obj && WATCHED_KINDS.has(obj.kind ?? '')) this.objects.set(objectKey(obj), obj);
    this.synced = true;
    this.changed();
  }

  /** One watch event. */
  apply(type: WatchEventType, obj: KubeObject): void {
    if (!obj || !WATCHED_KINDS.has(obj.kind ?? '')) return;
    if (type === 'DELETED') this.objects.delete(objectKey(obj));
    else this.objects.set(objectKey(obj), obj);
    this.changed();
  }

  /** Before the first list: name errors become SERVFAIL, as CoreDNS answers before its informers sync. */
  setSynced(synced: boolean): void {
    this.synced = synced;
    this.cached = null;
  }

  index(): DnsIndex {
    if (!this.cached) this.cached = buildIndex([...this.objects.values()], { serial: this.serial, synced: this.synced });
    return this.cached;
  }

  private changed(): void {
    this.serial = this.now() >>> 0;
    this.cached = null;
  }
}
