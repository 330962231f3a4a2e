// Pod garbage collection (pkg/controller/podgc), the part a lab needs: pods
// bound to a node that no longer exists are marked Failed with a
// DisruptionTarget condition and force-deleted, after a quarantine so that a
// node being re-registered is not mistaken for a deleted one.
import type { Node, Pod } from '../../api/types';
import type { Informer } from '../../client/informer';
import { R, isNotFound } from '../../client/rest';
import type { Controller, ControllerContext } from '../framework/controller';
import { apiMessage } from '../framework/errors';
import { keyOf, rfc3339 } from '../framework/objects';
import { isPodTerminal } from '../framework/pods';

export interface PodGCOptions {
  periodMs?: number;
  quarantineMs?: number;
}

export class PodGarbageCollector implements Controller {
  readonly name = 'pod-garbage-collector-controller';
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  /** Node name -> when we first saw pods bound to it while it was missing. */
  private readonly missingSince = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly options: PodGCOptions = {},
  ) {
    this.pods = ctx.informers.get<Pod>(R.pods);
    this.nodes = ctx.informers.get<Node>(R.nodes);
  }

  run(): void {
    this.timer = setInterval(() => void this.gc().catch((err) => this.ctx.log(`podgc: ${apiMessage(err)}`)), this.options.periodMs ?? 20_000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** gcOrphaned. */
  async gc(): Promise<void> {
    const now = this.ctx.now().getTime();
    const quarantine = this.options.quarantineMs ?? 40_000;
    const orphans = this.pods.list().filter((p) => p.spec.nodeName && !this.nodes.get(undefined, p.spec.nodeName));
    const missing = new Set(orphans.map((p) => p.spec.nodeName!));
    for (const name of this.missingSince.keys()) if (!missing.has(name)) this.missingSince.delete(name);
    for (const name of missing) if (!this.missingSince.has(name)) this.missingSince.set(name, now);
    for (const name of missing) {
      if (now - this.missingSince.get(name)! < quarantine) continue;
      // The informer may lag: only a node the server does not know is gone.
      const exists = await this.ctx.client.get(R.nodes, undefined, name).then(() => true, (err) => (isNotFound(err) ? false : Promise.reject(err)));
      if (exists) continue;
      for (const pod of orphans.filter((p) => p.spec.nodeName === name)) await this.forceDelete(pod);
    }
  }

  private async forceDelete(pod: Pod): Promise<void> {
    this.ctx.log(`podgc: force deleting pod ${keyOf(pod)} (node ${pod.spec.nodeName} no longer exists)`);
    try {
      if (!isPodTerminal(pod)) {
        const fresh = await this.ctx.client.get<Pod>(R.pods, pod.metadata.namespace, pod.metadata.name!);
        const conditions = (fresh.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
        conditions.push({ type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(this.ctx.now()), reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' });
        fresh.status = { ...(fresh.status ?? {}), phase: 'Failed', conditions };
        await this.ctx.client.update(R.pods, { apiVersion: 'v1', kind: 'Pod', ...fresh }, 'status');
      }
      await this.ctx.client.delete(R.pods, pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0 });
    } catch (err) {
      if (!isNotFound(err)) this.ctx.log(`podgc: ${keyOf(pod)}: ${apiMessage(err)}`);
    }
  }
}
