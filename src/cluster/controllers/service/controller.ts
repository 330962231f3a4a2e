// The service controller's LoadBalancer part (cloud-provider's
// controllers/service): asks the cloud agent for a balancer for each
// LoadBalancer service, writes its address to status.loadBalancer, keeps the
// balancer's nodes current, and gives it back — guarded by the
// load-balancer-cleanup finalizer — when the service goes or changes type.
import type { Node, Service } from '../../api/types';
import { objectReference, type EventRecorder } from '../../client/events';
import type { Informer } from '../../client/informer';
import { runWorkers, WorkQueue } from '../../client/queue';
import { R, isNotFound } from '../../client/rest';
import type { Controller, ControllerContext } from '../framework/controller';
import { apiMessage } from '../framework/errors';
import { KIND } from '../framework/kinds';
import { keyOf, semanticEqual, splitKey } from '../framework/objects';
import type { CloudClient } from './cloud';
import { balancerNodes, ensureRequest, hasFinalizer, ingressFor, LB_FINALIZER, needsCleanup, wantsLoadBalancer } from './plan';

export interface ServiceControllerOptions {
  /** Retry delays after a failed sync; upstream's are 5 s growing to 300 s, the lab caps lower so a returning cloud is noticed soon. */
  minRetryDelayMs?: number;
  maxRetryDelayMs?: number;
}

export class ServiceController implements Controller {
  readonly name = 'service-lb-controller';
  private readonly queue: WorkQueue;
  private readonly services: Informer<Service>;
  private readonly nodes: Informer<Node>;
  private readonly recorder: EventRecorder;
  /** What each balancer was last ensured with: unchanged services need no call. */
  private readonly ensured = new Map<string, string>();
  private nodeSet = '';

  constructor(
    private readonly ctx: ControllerContext,
    private readonly cloud: CloudClient,
    options: ServiceControllerOptions = {},
  ) {
    this.queue = new WorkQueue({ baseDelayMs: options.minRetryDelayMs ?? 5000, maxDelayMs: options.maxRetryDelayMs ?? 30_000 });
    this.services = ctx.informers.get<Service>(R.services);
    this.nodes = ctx.informers.get<Node>(R.nodes);
    this.recorder = ctx.recorder({ component: 'service-controller' });
    const onService = (s: Service) => (wantsLoadBalancer(s) || hasFinalizer(s)) && this.queue.add(keyOf(s));
    // needsUpdate: our own finalizer and status writes are no reason to call the cloud again.
    const onUpdate = (s: Service, old: Service) => (!semanticEqual(s.spec, old.spec) || Boolean(s.metadata.deletionTimestamp) !== Boolean(old.metadata.deletionTimestamp)) && onService(s);
    this.services.on({ add: onService, update: onUpdate, delete: (s) => this.ensured.delete(keyOf(s)) });
    this.nodes.on({ add: () => this.nodesChanged(), update: () => this.nodesChanged(), delete: () => this.nodesChanged() });
  }

  run(): void {
    this.nodeSet = JSON.stringify(balancerNodes(this.nodes.list()));
    runWorkers(this.queue, 1, (key) => this.sync(key), (line) => this.ctx.log(`service-controller: ${line}`));
  }

  stop(): void {
    this.queue.shutdown();
  }

  /** nodeSyncLoop: a new set of nodes goes to every balancer. */
  private nodesChanged(): void {
    const set = JSON.stringify(balancerNodes(this.nodes.list()));
    if (set === this.nodeSet) return;
    this.nodeSet = set;
    for (const s of this.services.list()) if (wantsLoadBalancer(s)) this.queue.add(keyOf(s));
  }

  private async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const service = this.services.get(namespace, name);
    if (!service) return;
    const ref = objectReference(service, KIND.Service);
    try {
      if (needsCleanup(service)) await this.cleanup(service);
      else if (wantsLoadBalancer(service)) await this.ensure(service);
    } catch (err) {
      this.recorder.event(ref, 'Warning', 'SyncLoadBalancerFailed', `Error syncing load balancer: ${(err as Error).message}`);
      throw err;
    }
  }

  private async ensure(service: Service): Promise<void> {
    const key = keyOf(service);
    const req = ensureRequest(service, balancerNodes(this.nodes.list()));
    const fingerprint = JSON.stringify(req);
    const previous = this.ensured.get(key);
    const ingress = service.status?.loadBalancer?.ingress ?? [];
    // Ensured with exactly this already (our own writes come back as updates): nothing to do.
    if (previous === fingerprint) return;
    const ref = objectReference(service, KIND.Service);
    const onlyNodes = previous !== undefined && ingress.length > 0 && JSON.stringify({ ...JSON.parse(previous), nodes: req.nodes }) === fingerprint;
    if (!onlyNodes) this.recorder.event(ref, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
    // The finalizer comes first: no balancer may outlive a deleted service.
    if (!hasFinalizer(service)) {
      await this.ctx.client.patch(R.services, service.metadata.namespace, service.metadata.name!, {
        metadata: { finalizers: [...(service.metadata.finalizers ?? []), LB_FINALIZER], resourceVersion: service.metadata.resourceVersion },
      });
    }
    let status;
    try {
      status = await this.cloud.ensure(service.metadata.namespace!, service.metadata.name!, req);
    } catch (err) {
      throw new Error(`failed to ensure load balancer: ${(err as Error).message}`);
    }
    this.ensured.set(key, fingerprint);
    if (onlyNodes) this.recorder.event(ref, 'Normal', 'UpdatedLoadBalancer', 'Updated load balancer with new hosts');
    else this.recorder.event(ref, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
    const want = ingressFor(status.ip);
    if (!semanticEqual(ingress, want)) {
      await this.ctx.client.patch(R.services, service.metadata.namespace, service.metadata.name!, { status: { loadBalancer: { ingress: want } } }, 'merge', 'status');
    }
  }

  private async cleanup(service: Service): Promise<void> {
    const { namespace, name } = service.metadata;
    const ref = objectReference(service, KIND.Service);
    if (await this.cloud.exists(namespace!, name!)) {
      this.recorder.event(ref, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
      try {
        await this.cloud.release(namespace!, name!);
      } catch (err) {
        throw new Error(`failed to delete load balancer: ${(err as Error).message}`);
      }
      this.recorder.event(ref, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
    }
    this.ensured.delete(keyOf(service));
    try {
      if (service.status?.loadBalancer?.ingress?.length && !service.metadata.deletionTimestamp) {
        await this.ctx.client.patch(R.services, namespace, name!, { status: { loadBalancer: { ingress: null } } }, 'merge', 'status');
      }
      const rest = (service.metadata.finalizers ?? []).filter((f) => f !== LB_FINALIZER);
      await this.ctx.client.patch(R.services, namespace, name!, { metadata: { finalizers: rest.length ? rest : null } });
    } catch (err) {
      if (isNotFound(err)) return;
      throw new Error(`failed to remove load balancer cleanup finalizer: ${apiMessage(err)}`);
    }
  }
}
