// What every handler works with: the store, the clock, and the per-resource
// strategies that give each kind its own rules.
import type { KubeObject } from '../api/types';
import type { ApiRequest } from './request';
import type { ResourceInfo } from './resources';
import type { Store } from './store/store';

export interface Strategy {
  /** Fills what the server owns on create (status, generation, allocated addresses...). May throw ApiError. */
  prepareForCreate?(object: KubeObject, ctx: ServerContext): void | Promise<void>;
  /** Carries over what a client may not change through this endpoint. */
  prepareForUpdate?(object: KubeObject, old: KubeObject, ctx: ServerContext): void | Promise<void>;
  /** The status subresource's counterpart: only status changes. */
  prepareForStatusUpdate?(object: KubeObject, old: KubeObject, ctx: ServerContext): void;
  /** After the object is gone from storage (release allocations). */
  afterDelete?(object: KubeObject, ctx: ServerContext): void | Promise<void>;
  /** After a failed create, to undo prepareForCreate's side effects. */
  abortCreate?(object: KubeObject, ctx: ServerContext): void;
  /** After an update committed (allocation changes become final). */
  afterUpdate?(object: KubeObject, old: KubeObject, ctx: ServerContext): void;
  /** After an update failed, to undo prepareForUpdate's side effects. */
  abortUpdate?(object: KubeObject, old: KubeObject, ctx: ServerContext): void;
  /**
   * Graceful deletion: the grace period to wait before the object is removed,
   * or 0 to remove it at once. Pods on a node wait for the kubelet.
   */
  gracePeriod?(object: KubeObject, requested: number | undefined): number;
}

export interface ServerContext {
  store: Store;
  now(): Date;
  strategy(info: ResourceInfo): Strategy;
  /** Subresource handlers beyond status (scale, binding, log, exec, ...). */
  subresource(info: ResourceInfo, name: string): ((request: ApiRequest) => Promise<void>) | undefined;
  log(line: string): void;
}
