// kube-controller-manager's assembly: one client, shared informers, one
// event recorder per controller name, and the controllers that are enabled.
import { newEventRecorder, type EventRecorder } from '../client/events';
import type { RestClient } from '../client/rest';
import type { Controller, ControllerContext } from './framework/controller';
import { discoverResources } from './framework/discovery';
import { SharedInformers } from './framework/informers';
import { DeploymentController } from './deployment/controller';
import { EndpointsController } from './endpoint/controller';
import { EndpointSliceController } from './endpointslice/controller';
import { GarbageCollector } from './garbagecollector/controller';
import { NamespaceController } from './namespace/controller';
import { NodeLifecycleController } from './nodelifecycle/controller';
import { TaintEvictionController } from './nodelifecycle/taint-eviction';
import { PodGarbageCollector } from './podgc/controller';
import { httpCloudClient, type CloudClient } from './service/cloud';
import { ServiceController } from './service/controller';
import { ReplicaSetController } from './replicaset/controller';

export interface ControllerManagerOptions {
  client: RestClient;
  /** Names as --controllers takes them; '*' (the default) is all. A leading '-' disables one. */
  controllers?: string[];
  log?: (line: string) => void;
  now?: () => Date;
  nodeMonitorGracePeriodMs?: number;
  nodeMonitorPeriodMs?: number;
  podGCPeriodMs?: number;
  podGCQuarantineMs?: number;
  /** --cloud-provider-endpoint: without it (or `cloud`) LoadBalancer services stay pending, as without a cloud provider. */
  cloudEndpoint?: string;
  cloud?: CloudClient;
  serviceRetryDelayMs?: { min: number; max: number };
}

export interface ControllerManager {
  ready: Promise<void>;
  stop(): Promise<void>;
  /** Resolves when every recorder has written what it was given (for tests). */
  flushEvents(): Promise<void>;
}

type Factory = (ctx: ControllerContext, o: ControllerManagerOptions) => Controller | undefined;

/** Controllers by their --controllers names (upstream's), each with its older alias. */
export const CONTROLLERS: Record<string, { alias: string; make: Factory }> = {
  'deployment-controller': { alias: 'deployment', make: (ctx) => new DeploymentController(ctx) },
  'replicaset-controller': { alias: 'replicaset', make: (ctx) => new ReplicaSetController(ctx) },
  'endpoints-controller': { alias: 'endpoint', make: (ctx) => new EndpointsController(ctx) },
  'endpointslice-controller': { alias: 'endpointslice', make: (ctx) => new EndpointSliceController(ctx) },
  'garbage-collector-controller': { alias: 'garbagecollector', make: (ctx) => new GarbageCollector(ctx) },
  'namespace-controller': { alias: 'namespace', make: (ctx) => new NamespaceController(ctx) },
  'node-lifecycle-controller': { alias: 'nodelifecycle', make: (ctx, o) => new NodeLifecycleController(ctx, { gracePeriodMs: o.nodeMonitorGracePeriodMs, monitorPeriodMs: o.nodeMonitorPeriodMs }) },
  'taint-eviction-controller': { alias: 'tainteviction', make: (ctx) => new TaintEvictionController(ctx) },
  'service-lb-controller': {
    alias: 'service',
    make: (ctx, o) => {
      const cloud = o.cloud ?? (o.cloudEndpoint ? httpCloudClient(o.cloudEndpoint) : undefined);
      return cloud ? new ServiceController(ctx, cloud, { minRetryDelayMs: o.serviceRetryDelayMs?.min, maxRetryDelayMs: o.serviceRetryDelayMs?.max }) : undefined;
    },
  },
  'pod-garbage-collector-controller': { alias: 'podgc', make: (ctx, o) => new PodGarbageCollector(ctx, { periodMs: o.podGCPeriodMs, quarantineMs: o.podGCQuarantineMs }) },
};

export function enabled(name: string, list: string[]): boolean {
  const alias = CONTROLLERS[name]?.alias;
  const named = (n: string) => n === name || n === alias;
  if (list.some((n) => n.startsWith('-') && named(n.slice(1)))) return false;
  return list.includes('*') || list.some(named);
}

export function startControllerManager(o: ControllerManagerOptions): ControllerManager {
  const log = o.log ?? (() => {});
  const now = o.now ?? (() => new Date());
  const informers = new SharedInformers(o.client, { log: (line) => log(`informer: ${line}`) });
  const recorders = new Map<string, EventRecorder>();
  const controllers: Controller[] = [];
  let stopped = false;

  const start = async () => {
    // The API server may still be starting (we are supervised beside it).
    let served;
    for (let attempt = 0; ; attempt++) {
      try {
        served = await discoverResources(o.client);
        break;
      } catch (err) {
        if (stopped) return;
        if (attempt % 20 === 0) log(`waiting for the API server: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    const ctx: ControllerContext = {
      client: o.client,
      informers,
      log,
      now,
      served,
      recorder(source) {
        const key = `${source.component}/${source.host ?? ''}`;
        let r = recorders.get(key);
        if (!r) recorders.set(key, (r = newEventRecorder(o.client, source, { now, log })));
        return r;
      },
    };
    const list = o.controllers ?? ['*'];
    for (const [name, { make }] of Object.entries(CONTROLLERS)) {
      if (!enabled(name, list)) continue;
      const c = make(ctx, o);
      if (c) controllers.push(c);
    }
    informers.start();
    await informers.waitForSync();
    if (stopped) return;
    for (const c of controllers) c.run();
    log(`started ${controllers.map((c) => c.name).join(', ')}`);
  };
  return {
    ready: start(),
    async stop() {
      stopped = true;
      for (const c of controllers) c.stop?.();
      informers.stop();
      for (const r of recorders.values()) r.stop();
    },
    async flushEvents() {
      await Promise.all([...recorders.values()].map((r) => r.flush()));
    },
  };
}
