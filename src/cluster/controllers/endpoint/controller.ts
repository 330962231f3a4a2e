// The Endpoints controller (pkg/controller/endpoint): one Endpoints object per
// service with a selector, listing its pods' addresses (ready and not ready)
// and target ports, with the last-change-trigger-time annotation.
import type { Endpoints, Pod, Service } from '../../api/types';
import { objectReference, type EventRecorder } from '../../client/events';
import type { Informer } from '../../client/informer';
import { runWorkers, WorkQueue } from '../../client/queue';
import { R, isNotFound } from '../../client/rest';
import type { Controller, ControllerContext } from '../framework/controller';
import { apiMessage, isForbidden } from '../framework/errors';
import { KIND } from '../framework/kinds';
import { clone, keyOf, rfc3339Nano, semanticEqual, splitKey } from '../framework/objects';
import { desiredSubsets } from './desired';
import { isHeadless, podsSelectedBy, serviceKeysForPodChange } from './pods';
import { TRIGGER_TIME_ANNOTATION, TriggerTimeTracker } from './trigger-time';

export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';

function withoutHeadless(labels: Record<string, string> | undefined): Record<string, string> {
  const { [HEADLESS_LABEL]: _h, ...rest } = labels ?? {};
  return rest;
}

export class EndpointsController implements Controller {
  readonly name = 'endpoints-controller';
  private readonly queue = new WorkQueue();
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly endpoints: Informer<Endpoints>;
  private readonly recorder: EventRecorder;
  private readonly triggerTimes = new TriggerTimeTracker();
  /** resourceVersions we replaced: seeing one in the cache means the cache is behind our own write. */
  private readonly replaced = new Map<string, string>();

  constructor(
    private readonly ctx: ControllerContext,
    private readonly options: { workers?: number } = {},
  ) {
    this.services = ctx.informers.get<Service>(R.services);
    this.pods = ctx.informers.get<Pod>(R.pods);
    this.endpoints = ctx.informers.get<Endpoints>(R.endpoints);
    this.recorder = ctx.recorder({ component: 'endpoint-controller' });
    const enqueue = (o: Service | Endpoints) => this.queue.add(keyOf(o));
    this.services.on({ add: enqueue, update: enqueue, delete: enqueue });
    this.endpoints.on({ delete: enqueue });
    this.pods.on({
      add: (p) => this.onPod(p),
      update: (p, old) => p.metadata.resourceVersion !== old.metadata.resourceVersion && this.onPod(p, old),
      delete: (p) => this.onPod(p),
    });
  }

  run(): void {
    // checkLeftoverEndpoints: Endpoints whose service went away while we were down.
    for (const ep of this.endpoints.list()) if (!ep.metadata.annotations?.[LEADER_ANNOTATION]) this.queue.add(keyOf(ep));
    runWorkers(this.queue, this.options.workers ?? 5, (key) => this.sync(key), (line) => this.ctx.log(`endpoint: ${line}`));
  }

  stop(): void {
    this.queue.shutdown();
  }

  private onPod(pod: Pod, old?: Pod): void {
    for (const k of serviceKeysForPodChange(this.services.list(), pod, old)) this.queue.add(k);
  }

  private async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const service = this.services.get(namespace, name);
    if (!service) {
      try {
        await this.ctx.client.delete(R.endpoints, namespace, name);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      this.triggerTimes.delete(namespace!, name);
      this.replaced.delete(key);
      return;
    }
    if (service.spec.type === 'ExternalName' || !service.spec.selector) return;

    const pods = podsSelectedBy(service, this.pods.list());
    const triggerTime = this.triggerTimes.compute(service, pods);
    const subsets = desiredSubsets(service, pods);

    const current = this.endpoints.get(namespace, name);
    if (current && this.replaced.get(key) === current.metadata.resourceVersion) {
      throw new Error(`endpoints informer cache is out of date, resource version ${current.metadata.resourceVersion} already processed for endpoints ${key}`);
    }
    if (current && semanticEqual(current.subsets ?? [], subsets) && semanticEqual(withoutHeadless(current.metadata.labels), service.metadata.labels ?? {})) return;

    const next: Endpoints = current ? clone(current) : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace } };
    next.apiVersion = 'v1';
    next.kind = 'Endpoints';
    if (subsets.length) next.subsets = subsets;
    else delete next.subsets;
    const labels = withoutHeadless(service.metadata.labels);
    if (isHeadless(service)) labels[HEADLESS_LABEL] = '';
    if (Object.keys(labels).length) next.metadata.labels = labels;
    else delete next.metadata.labels;
    const annotations = { ...(next.metadata.annotations ?? {}) };
    if (triggerTime !== undefined) annotations[TRIGGER_TIME_ANNOTATION] = rfc3339Nano(new Date(triggerTime));
    else delete annotations[TRIGGER_TIME_ANNOTATION];
    if (Object.keys(annotations).length) next.metadata.annotations = annotations;
    else delete next.metadata.annotations;

    try {
      if (!current) await this.ctx.client.create(R.endpoints, namespace, next);
      else {
        const updated = await this.ctx.client.update<Endpoints>(R.endpoints, next);
        if (updated.metadata.resourceVersion !== current.metadata.resourceVersion) this.replaced.set(key, current.metadata.resourceVersion!);
      }
    } catch (err) {
      // A namespace being deleted refuses new objects: nothing to do.
      if (!current && isForbidden(err) && apiMessage(err).includes('being terminated')) return;
      const ref = objectReference(next, KIND.Endpoints);
      if (!current) this.recorder.event(ref, 'Warning', 'FailedToCreateEndpoint', `Failed to create endpoint for service ${namespace}/${name}: ${apiMessage(err)}`);
      else this.recorder.event(ref, 'Warning', 'FailedToUpdateEndpoint', `Failed to update endpoint ${namespace}/${name}: ${apiMessage(err)}`);
      throw err;
    }
  }
}
