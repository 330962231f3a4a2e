// The namespace controller (pkg/controller/namespace): a namespace marked for
// deletion is emptied — every namespaced resource the server serves is
// deleted — and once nothing is left its "kubernetes" finalizer is removed
// through /finalize, which lets the API server remove the namespace.
import type { KubeObject, Namespace, Pod } from '../../api/types';
import type { Informer } from '../../client/informer';
import { runWorkers, WorkQueue } from '../../client/queue';
import { R, isNotFound, resourcePath, type RestClient } from '../../client/rest';
import type { Controller, ControllerContext } from '../framework/controller';
import { discoverResources, type ServedResource } from '../framework/discovery';
import { apiMessage } from '../framework/errors';
import { semanticEqual } from '../framework/objects';
import { namespaceConditions, type DeletionProgress, type NamespaceCondition } from './conditions';

const FINALIZER = 'kubernetes';

async function listIn(client: RestClient, r: ServedResource, ns: string): Promise<KubeObject[]> {
  return (await client.list(r, { namespace: ns })).items;
}

export class NamespaceController implements Controller {
  readonly name = 'namespace-controller';
  private readonly queue = new WorkQueue({ baseDelayMs: 5, maxDelayMs: 5000 });
  private readonly namespaces: Informer<Namespace>;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly options: { workers?: number } = {},
  ) {
    this.namespaces = ctx.informers.get<Namespace>(R.namespaces);
    const enqueue = (ns: Namespace) => ns.metadata.deletionTimestamp && this.queue.add(ns.metadata.name!);
    this.namespaces.on({ add: enqueue, update: enqueue });
    // Not upstream's polling alone: a terminating namespace looks again as soon as one of its pods is gone.
    ctx.informers.get<Pod>(R.pods).on({
      delete: (pod) => {
        const ns = this.namespaces.get(undefined, pod.metadata.namespace!);
        if (ns?.metadata.deletionTimestamp) this.queue.add(ns.metadata.name!);
      },
    });
  }

  run(): void {
    runWorkers(this.queue, this.options.workers ?? 10, (name) => this.sync(name), (line) => this.ctx.log(`namespace: ${line}`));
  }

  stop(): void {
    this.queue.shutdown();
  }

  private async sync(name: string): Promise<void> {
    let ns: Namespace;
    try {
      ns = await this.ctx.client.get<Namespace>(R.namespaces, undefined, name);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    if (!ns.metadata.deletionTimestamp) return;
    if (!(ns.spec?.finalizers ?? []).includes(FINALIZER)) return;

    const served = (await discoverResources(this.ctx.client)).filter((r) => r.namespaced && r.verbs.includes('list') && r.verbs.includes('delete'));
    const progress: DeletionProgress = { remaining: new Map(), finalizers: new Map(), errors: [] };
    let estimateS = 0;
    for (const r of served) {
      const gr = r.group ? `${r.resource}.${r.group}` : r.resource;
      try {
        if (r.verbs.includes('deletecollection')) {
          await this.ctx.client.request('DELETE', resourcePath(r, name), { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' });
        } else {
          for (const o of await listIn(this.ctx.client, r, name)) {
            await this.ctx.client.delete(r, name, o.metadata.name!, { propagationPolicy: 'Background' }).catch((err) => {
              if (!isNotFound(err)) throw err;
            });
          }
        }
        const left = await listIn(this.ctx.client, r, name);
        if (left.length) progress.remaining.set(gr, left.length);
        for (const o of left) {
          for (const f of o.metadata.finalizers ?? []) progress.finalizers.set(f, (progress.finalizers.get(f) ?? 0) + 1);
          // Pods wait for their kubelet: look again when their grace period should be over.
          if (r.resource === 'pods') estimateS = Math.max(estimateS, (o as Pod).metadata.deletionGracePeriodSeconds ?? (o as Pod).spec.terminationGracePeriodSeconds ?? 30);
        }
      } catch (err) {
        progress.errors.push(`${gr}: ${apiMessage(err)}`);
      }
    }
    await this.updateConditions(ns, progress);
    if (progress.errors.length) throw new Error(`namespace ${name}: ${progress.errors.join('; ')}`);
    if (progress.remaining.size) {
      this.queue.addAfter(name, (Math.floor(estimateS / 2) + 1) * 1000);
      return;
    }
    const finalizers = (ns.spec?.finalizers ?? []).filter((f) => f !== FINALIZER);
    await this.ctx.client.request('PUT', `${resourcePath(R.namespaces, undefined, name)}/finalize`, { apiVersion: 'v1', kind: 'Namespace', metadata: ns.metadata, spec: { finalizers } });
  }

  private async updateConditions(ns: Namespace, progress: DeletionProgress): Promise<void> {
    const previous = (ns.status as { conditions?: NamespaceCondition[] } | undefined)?.conditions;
    const conditions = namespaceConditions(progress, previous, this.ctx.now());
    if (semanticEqual(previous, conditions)) return;
    const next = { ...ns, apiVersion: 'v1', kind: 'Namespace', status: { ...(ns.status ?? {}), phase: 'Terminating', conditions } } as Namespace;
    try {
      await this.ctx.client.update(R.namespaces, next, 'status');
    } catch (err) {
      if (!isNotFound(err)) this.ctx.log(`namespace: status of ${ns.metadata.name}: ${apiMessage(err)}`);
    }
  }
}
