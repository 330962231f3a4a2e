// Follows one Service's counters: every SAMPLE_MS it reads kube-proxy's nat
// table on every cluster node (`iptables-save -c -t nat`, by exec), counts the
// connections each endpoint received and finds the path of the last request.
import type Docker from 'dockerode';
import type { RequestPath, ServiceRef, TrafficSample } from '../../../shared/api';
import { execIn } from '../../docker/exec';
import { parseIptablesSave, type Rule } from './iptables';
import { EndpointTally, lastRequestPath } from './service-chains';

/** Once a second: a learner's curl shows up in the chart within a second. */
const SAMPLE_MS = 1000;
const NODES = ['master', 'node1', 'node2'];

export class TrafficSampler {
  private timer: NodeJS.Timeout | undefined;
  private previous: Record<string, Rule[]> = {};
  private readonly tally: EndpointTally;
  private lastRequest: RequestPath | undefined;
  private stopped = false;

  constructor(
    private readonly docker: Docker,
    private readonly lab: string,
    private readonly service: ServiceRef,
    private readonly podOf: (endpoint: string) => string | undefined,
    private readonly emit: (s: TrafficSample) => void,
  ) {
    this.tally = new EndpointTally(service.namespace, service.name);
  }

  start(): void {
    const tick = async () => {
      if (this.stopped) return;
      this.emit(await this.sample());
      if (!this.stopped) this.timer = setTimeout(tick, SAMPLE_MS);
    };
    void tick();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async sample(): Promise<TrafficSample> {
    const { namespace, name } = this.service;
    const now: Record<string, Rule[]> = {};
    const errors: string[] = [];
    await Promise.all(
      NODES.map(async (node) => {
        try {
          const r = await execIn(this.docker, `${this.lab}-${node}`, ['iptables-save', '-c', '-t', 'nat'], { timeoutMs: 3000 });
          if (r.exitCode !== 0) throw new Error(r.stderr.trim() || `exit ${r.exitCode}`);
          now[node] = parseIptablesSave(r.stdout);
        } catch (err) {
          errors.push(`${node}: ${(err as Error).message}`);
        }
      }),
    );
    const base = { service: this.service, at: Date.now() };
    if (!Object.keys(now).length) return { ...base, state: 'unavailable', message: errors.join('; '), endpoints: [] };
    const endpoints = this.tally.add(now, this.podOf);
    this.lastRequest = lastRequestPath(this.previous, now, namespace, name, this.podOf) ?? this.lastRequest;
    // A node that did not answer this time keeps its last dump to compare with.
    this.previous = { ...this.previous, ...now };
    return {
      ...base,
      state: 'live',
      message: endpoints.length ? undefined : `kube-proxy has no rules for ${namespace}/${name} on ${Object.keys(now).join(', ')}`,
      endpoints,
      lastRequest: this.lastRequest,
    };
  }
}
