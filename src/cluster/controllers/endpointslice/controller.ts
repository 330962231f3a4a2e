// The EndpointSlice controller (pkg/controller/endpointslice): keeps each
// selector service's EndpointSlices equal to its pods, through reconcile().
import type { EndpointSlice, Node, Pod, Service } from '../../api/types';
import { objectReference, type EventRecorder } from '../../client/events';
import type { Informer } from '../../client/informer';
import { runWorkers, WorkQueue } from '../../client/queue';
import { R, isNotFound } from '../../client/rest';
import type { Controller, ControllerContext } from '../framework/controller';
import { apiMessage, isForbidden } from '../framework/errors';
import { KIND } from '../framework/kinds';
import { keyOf, rfc3339Nano, splitKey } from '../framework/objects';
import { podsSelectedBy, serviceKeysForPodChange } from '../endpoint/pods';
import { TRIGGER_TIME_ANNOTATION, TriggerTimeTracker } from '../endpoint/trigger-time';
import { CONTROLLER_NAME, MANAGED_BY_LABEL, SERVICE_NAME_LABEL, reconcile } from './reconcile';

const rvNumber = (rv: string | undefined): number => Number(rv ?? 0) || 0;

export class EndpointSliceController implements Controller {
  readonly name = 'endpointslice-controller';
  private readonly queue = new WorkQueue();
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly recorder: EventRecorder;
  private readonly triggerTimes = new TriggerTimeTracker();
  /** What we wrote last, by slice key: events about our own writes need no sync, and an older cache is stale. */
  private readonly written = new Map<string, number>();
  private readonly deleted = new Set<string>();

  constructor(
    private readonly ctx: ControllerContext,
    private readonly options: { workers?: number; maxEndpointsPerSlice?: number } = {},
  ) {
    this.services = ctx.informers.get<Service>(R.services);
    this.pods = ctx.informers.get<Pod>(R.pods);
    this.nodes = ctx.informers.get<Node>(R.nodes);
    this.slices = ctx.informers.get<EndpointSlice>(R.endpointslices);
    this.recorder = ctx.recorder({ component: 'endpoint-slice-controller' });
    const enqueue = (s: Service) => this.queue.add(keyOf(s));
    this.services.on({ add: enqueue, update: enqueue, delete: enqueue });
    this.pods.on({
      add: (p) => this.onPod(p),
      update: (p, old) => p.metadata.resourceVersion !== old.metadata.resourceVersion && this.onPod(p, old),
      delete: (p) => this.onPod(p),
    });
    this.slices.on({ add: (s) => this.onSlice(s), update: (s) => this.onSlice(s), delete: (s) => this.onSlice(s, true) });
    // A pod on a node we did not know yet was left out: a new node may complete a service.
    this.nodes.on({ add: () => this.services.list().forEach((s) => s.spec.selector && enqueue(s)) });
  }

  run(): void {
    runWorkers(this.queue, this.options.workers ?? 5, (key) => this.sync(key), (line) => this.ctx.log(`endpointslice: ${line}`));
  }

  stop(): void {
    this.queue.shutdown();
  }

  private onPod(pod: Pod, old?: Pod): void {
    for (const k of serviceKeysForPodChange(this.services.list(), pod, old)) this.queue.add(k);
  }

  private onSlice(slice: EndpointSlice, gone = false): void {
    const service = slice.metadata.labels?.[SERVICE_NAME_LABEL];
    if (!service || slice.metadata.labels?.[MANAGED_BY_LABEL] !== CONTROLLER_NAME) return;
    const key = keyOf(slice);
    if (gone) this.written.delete(key);
    if (gone && this.deleted.delete(key)) return;
    if (!gone && this.written.get(key) === rvNumber(slice.metadata.resourceVersion)) return;
    this.queue.add(`${slice.metadata.namespace}/${service}`);
  }

  private async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const service = this.services.get(namespace, name);
    if (!service) {
      // The garbage collector removes the slices with their owner.
      this.triggerTimes.delete(namespace!, name);
      return;
    }
    if (service.spec.type === 'ExternalName' || !service.spec.selector) return;

    const existing = this.slices.list().filter((s) => s.metadata.namespace === namespace && s.metadata.labels?.[SERVICE_NAME_LABEL] === name && s.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME);
    for (const s of existing) {
      const k = keyOf(s);
      if (this.deleted.has(k) || rvNumber(s.metadata.resourceVersion) < (this.written.get(k) ?? 0)) {
        throw new Error(`EndpointSlice informer cache is out of date for service ${key}`);
      }
    }
    const pods = podsSelectedBy(service, this.pods.list());
    const triggerTime = this.triggerTimes.compute(service, pods);
    const nodes = new Map(this.nodes.list().map((n) => [n.metadata.name!, n.metadata.labels ?? {}]));
    const plan = reconcile({ service, pods, nodes, existing, maxEndpointsPerSlice: this.options.maxEndpointsPerSlice });

    const annotate = (slice: EndpointSlice) => {
      const annotations = { ...(slice.metadata.annotations ?? {}) };
      if (triggerTime !== undefined) annotations[TRIGGER_TIME_ANNOTATION] = rfc3339Nano(new Date(triggerTime));
      else delete annotations[TRIGGER_TIME_ANNOTATION];
      if (Object.keys(annotations).length) slice.metadata.annotations = annotations;
      else delete slice.metadata.annotations;
      return slice;
    };
    try {
      // No new slices for a service on its way out: the garbage collector is removing them.
      if (!service.metadata.deletionTimestamp) {
        for (const slice of plan.create) {
          try {
            const created = await this.ctx.client.create<EndpointSlice>(R.endpointslices, namespace, annotate(slice));
            this.written.set(keyOf(created), rvNumber(created.metadata.resourceVersion));
          } catch (err) {
            if (isForbidden(err) && apiMessage(err).includes('being terminated')) return;
            throw new Error(`failed to create EndpointSlice for Service ${key}: ${apiMessage(err)}`);
          }
        }
      }
      for (const slice of plan.update) {
        try {
          const updated = await this.ctx.client.update<EndpointSlice>(R.endpointslices, annotate(slice));
          this.written.set(keyOf(updated), rvNumber(updated.metadata.resourceVersion));
        } catch (err) {
          throw new Error(`failed to update ${slice.metadata.name} EndpointSlice for Service ${key}: ${apiMessage(err)}`);
        }
      }
      for (const slice of plan.delete) {
        try {
          await this.ctx.client.delete(R.endpointslices, namespace, slice.metadata.name!);
          this.deleted.add(keyOf(slice));
          this.written.delete(keyOf(slice));
        } catch (err) {
          if (!isNotFound(err)) throw new Error(`failed to delete ${slice.metadata.name} EndpointSlice for Service ${key}: ${apiMessage(err)}`);
        }
      }
    } catch (err) {
      this.recorder.event(objectReference(service, KIND.Service), 'Warning', 'FailedToUpdateEndpointSlices', `Error updating Endpoint Slices for Service ${key}: ${(err as Error).message}`);
      throw err;
    }
    if (plan.missingNodes.length) throw new Error(`skipping pods of service ${key}: node(s) ${[...new Set(plan.missingNodes)].join(', ')} not found`);
  }
}
