// The API server's parts put together over a key-value store: storage, the
// kinds' strategies and the subresources. Used by main.ts (over etcd) and by
// the in-process test server (over memory), so both are the same server.
import type { KV } from '../etcd/kv';
import type { ServerContext, Strategy } from './context';
import type { ApiRequest } from './request';
import { findResource, type ResourceInfo } from './resources';
import { WatchCache } from './store/cache';
import { Store } from './store/store';
import { podStrategy } from './strategies/pod';
import { serviceStrategy, type ServiceRanges } from './strategies/service';
import { handleBinding } from './subresources/binding';
import { handleFinalize } from './subresources/finalize';
import { handleLog } from './subresources/kubelet-proxy';
import { handleScale } from './subresources/scale';

type SubresourceHandler = (r: ApiRequest, ctx: ServerContext) => Promise<void>;

const SUBRESOURCES: Record<string, SubresourceHandler> = {
  'deployments/scale': handleScale,
  'replicasets/scale': handleScale,
  'pods/binding': handleBinding,
  'pods/log': handleLog,
  'namespaces/finalize': handleFinalize,
};

export interface Assembled {
  ctx: ServerContext;
  cache: WatchCache;
  /** Fills the watch cache from the store and rebuilds the address allocators from stored services. */
  start(): Promise<void>;
}

export function assembleApiServer(kv: KV, ranges: ServiceRanges, log: (line: string) => void): Assembled {
  const cache = new WatchCache(kv);
  const store = new Store(kv, cache);
  const services = serviceStrategy(ranges);
  const strategies: Record<string, Strategy> = { Service: services, Pod: podStrategy };
  const ctx: ServerContext = {
    store,
    now: () => new Date(),
    strategy: (info: ResourceInfo) => strategies[info.kind] ?? {},
    subresource: (info, name) => {
      const handler = SUBRESOURCES[`${info.resource}/${name}`];
      return handler ? (r) => handler(r, ctx) : undefined;
    },
    log,
  };
  return {
    ctx,
    cache,
    async start() {
      await cache.start();
      services.rebuild(store.list(findResource('', 'v1', 'services')!, '/registry/services/specs/').items);
    },
  };
}
