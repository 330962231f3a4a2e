// The live cluster view for the UI: four informers (nodes, pods, services,
// endpointslices) on the lab's API server, plus the hosts as Docker sees them.
// Changes are coalesced: the UI gets at most one view per COALESCE_MS. When
// the API server does not answer, the view says so (the control plane may not
// be running yet) and keeps trying.
import type Docker from 'dockerode';
import type { ClusterState, ClusterView, HostView } from '../../../shared/api';
import { inventory } from '../../lab/inventory';
import { planLab } from '../../topology/plan';
import { Informer } from './informer';
import { kubeHttp, type KubeTransport } from './kube-http';
import { clusterObjects } from './view';

/** Many watch events in a burst (a deployment scaling) become one update. */
const COALESCE_MS = 100;
/** Hosts change rarely (start, stop); Docker's container list is cheap. */
const HOSTS_MS = 3000;

const RESOURCES = {
  nodes: '/api/v1/nodes',
  pods: '/api/v1/pods',
  services: '/api/v1/services',
  slices: '/apis/discovery.k8s.io/v1/endpointslices',
} as const;

export class ClusterWatcher {
  readonly http: KubeTransport;
  private informers: Record<keyof typeof RESOURCES, Informer> | undefined;
  private readonly listeners = new Set<(v: ClusterView) => void>();
  private timer: NodeJS.Timeout | undefined;
  private hostTimer: NodeJS.Timeout | undefined;
  private hosts: HostView[];

  constructor(
    private readonly docker: Docker,
    private readonly lab: string,
    readonly apiServer: string,
  ) {
    this.http = kubeHttp(apiServer);
    this.hosts = planLab({ lab, image: '' }).hosts.map((h) => ({ name: h.name, ip: h.ip, state: 'unknown' }));
  }

  subscribe(listener: (v: ClusterView) => void): () => void {
    this.listeners.add(listener);
    this.start();
    return () => {
      this.listeners.delete(listener);
      if (!this.listeners.size) this.stop();
    };
  }

  private start(): void {
    if (this.informers) return;
    const changed = () => this.schedule();
    this.informers = {
      nodes: new Informer(this.http, RESOURCES.nodes, changed),
      pods: new Informer(this.http, RESOURCES.pods, changed),
      services: new Informer(this.http, RESOURCES.services, changed),
      slices: new Informer(this.http, RESOURCES.slices, changed),
    };
    for (const inf of Object.values(this.informers)) void inf.run();
    const pollHosts = async () => {
      try {
        const inv = await inventory(this.docker, this.lab);
        const next = this.hosts.map((h) => ({ ...h, state: inv.containers.find((c) => c.host === h.name && c.role === 'host')?.state ?? 'missing' }));
        if (JSON.stringify(next) !== JSON.stringify(this.hosts)) {
          this.hosts = next;
          this.schedule();
        }
      } catch {
        // Docker itself went away: the first-run screen deals with that
      }
      if (this.informers) this.hostTimer = setTimeout(pollHosts, HOSTS_MS);
    };
    void pollHosts();
  }

  private stop(): void {
    if (!this.informers) return;
    for (const inf of Object.values(this.informers)) inf.stop();
    this.informers = undefined;
    clearTimeout(this.timer);
    clearTimeout(this.hostTimer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const view = this.view();
      for (const l of this.listeners) l(view);
    }, COALESCE_MS);
  }

  view(): ClusterView {
    const inf = this.informers;
    const all = inf ? Object.values(inf) : [];
    const synced = all.length > 0 && all.every((i) => i.status.synced);
    const error = all.map((i) => i.status.error).find(Boolean);
    const state: ClusterState = synced ? 'live' : error ? 'unavailable' : 'connecting';
    const items = (i: Informer | undefined) => (i ? [...i.store.values()] : []);
    const objects = clusterObjects({ nodes: items(inf?.nodes), pods: items(inf?.pods), services: items(inf?.services), slices: items(inf?.slices) });
    return {
      state,
      message: state === 'unavailable' ? `the API server at ${this.apiServer} does not answer (${error}); the control plane is not running yet` : undefined,
      apiServer: this.apiServer,
      hosts: this.hosts,
      ...objects,
    };
  }
}
