// Reads from the watch cache, writes to etcd with optimistic concurrency
// (etcd's mod_revision is the object's resourceVersion), and returns what a
// later read will return. Objects are stored without resourceVersion, as
// kube-apiserver stores them; it is filled in from the revision on every read.
import type { KubeObject } from '../../api/types';
import { statusErrors } from '../../api/errors';
import type { KV } from '../../etcd/kv';
import { fail } from '../errors';
import { objectKey, type ResourceInfo } from '../resources';
import type { WatchCache } from './cache';

function encode(object: KubeObject): string {
  const copy = { ...object, metadata: { ...object.metadata } };
  delete copy.metadata.resourceVersion;
  return JSON.stringify(copy);
}

function gr(info: ResourceInfo) {
  return { group: info.group, resource: info.resource };
}

/** How often an internal read-modify-write retries on a conflict before giving up. */
const UPDATE_RETRIES = 16;

export class Store {
  constructor(
    readonly kv: KV,
    readonly cache: WatchCache,
  ) {}

  key(info: ResourceInfo, namespace: string | undefined, name: string): string {
    return objectKey(info, namespace, name);
  }

  get(info: ResourceInfo, namespace: string | undefined, name: string): KubeObject {
    const object = this.cache.get(this.key(info, namespace, name));
    if (!object) fail(statusErrors.notFound(gr(info), name));
    return structuredClone(object);
  }

  tryGet(info: ResourceInfo, namespace: string | undefined, name: string): KubeObject | undefined {
    const object = this.cache.get(this.key(info, namespace, name));
    return object ? structuredClone(object) : undefined;
  }

  async create(info: ResourceInfo, object: KubeObject): Promise<KubeObject> {
    const name = object.metadata.name!;
    const key = this.key(info, object.metadata.namespace, name);
    const result = await this.kv.create(key, encode(object));
    if (!result.succeeded) fail(statusErrors.alreadyExists(gr(info), name));
    await this.cache.waitFor(result.revision);
    return structuredClone(this.cache.get(key) ?? { ...object, metadata: { ...object.metadata, resourceVersion: String(result.revision) } });
  }

  /**
   * Replaces the stored object. `expectedResourceVersion` is the precondition
   * (the client's metadata.resourceVersion); without one the update is unconditional.
   */
  async update(info: ResourceInfo, object: KubeObject, expectedResourceVersion?: string): Promise<KubeObject> {
    const name = object.metadata.name!;
    const key = this.key(info, object.metadata.namespace, name);
    const current = this.cache.modRevision(key);
    if (current === undefined) fail(statusErrors.notFound(gr(info), name));
    const expected = expectedResourceVersion ? Number(expectedResourceVersion) : current;
    if (!Number.isFinite(expected)) fail(statusErrors.badRequest(`invalid resourceVersion: ${expectedResourceVersion}`));
    if (expected !== current) fail(statusErrors.conflict(gr(info), name));
    const value = encode(object);
    // An update that changes nothing writes nothing and keeps the resourceVersion, as upstream's GuaranteedUpdate.
    if (value === encode(this.cache.get(key)!)) return structuredClone(this.cache.get(key)!);
    const result = await this.kv.update(key, value, expected);
    if (!result.succeeded) {
      if (!result.current) fail(statusErrors.notFound(gr(info), name));
      fail(statusErrors.conflict(gr(info), name));
    }
    await this.cache.waitFor(result.revision);
    return structuredClone(this.cache.get(key)!);
  }

  /**
   * Read-modify-write that retries on conflicts, for changes the server makes
   * itself (status updates, finalizers). `mutate` returns the new object, or
   * undefined to leave it as is.
   */
  async guaranteedUpdate(info: ResourceInfo, namespace: string | undefined, name: string, mutate: (current: KubeObject) => KubeObject | undefined | Promise<KubeObject | undefined>): Promise<KubeObject> {
    for (let attempt = 0; attempt < UPDATE_RETRIES; attempt++) {
      const current = this.get(info, namespace, name);
      const next = await mutate(structuredClone(current));
      if (!next) return current;
      try {
        return await this.update(info, next, current.metadata.resourceVersion);
      } catch (err) {
        const code = (err as { status?: { code?: number } }).status?.code;
        if (code !== 409) throw err;
      }
    }
    fail(statusErrors.conflict(gr(info), name));
  }

  async delete(info: ResourceInfo, namespace: string | undefined, name: string, expectedResourceVersion?: string): Promise<KubeObject> {
    const key = this.key(info, namespace, name);
    const current = this.cache.get(key);
    if (!current) fail(statusErrors.notFound(gr(info), name));
    const expected = this.cache.modRevision(key)!;
    if (expectedResourceVersion && Number(expectedResourceVersion) !== expected) fail(statusErrors.conflict(gr(info), name));
    const result = await this.kv.delete(key, expected);
    if (!result.succeeded) {
      if (!result.current) fail(statusErrors.notFound(gr(info), name));
      fail(statusErrors.conflict(gr(info), name));
    }
    await this.cache.waitFor(result.revision);
    const deleted = structuredClone(current);
    deleted.metadata.resourceVersion = String(result.revision);
    return deleted;
  }

  list(info: ResourceInfo, prefix: string): { items: KubeObject[]; revision: number } {
    return { items: this.cache.list(prefix).map((o) => structuredClone(o)), revision: this.cache.revision };
  }
}
