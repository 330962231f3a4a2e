// `kubelab status`: the lab's hosts as Docker sees them.
import type Docker from 'dockerode';
import type { HostState, LabState, LabStatus } from '../../shared/engine';
import { imageTag } from '../image/recipe';
import { planLab } from '../topology/plan';
import { clusterHealth } from './cluster-ready';
import { inventory } from './inventory';
import { hostReady } from './wait';

function hostState(state: string | undefined): HostState {
  switch (state) {
    case undefined:
      return 'missing';
    case 'running':
      return 'running';
    case 'created':
      return 'created';
    case 'restarting':
      return 'restarting';
    default:
      return 'stopped';
  }
}

export function labState(states: HostState[]): LabState {
  if (states.every((s) => s === 'missing')) return 'absent';
  if (states.every((s) => s === 'running')) return 'running';
  if (states.every((s) => s === 'stopped' || s === 'created')) return 'stopped';
  return 'partial';
}

export async function labStatus(docker: Docker, lab: string, apiPort?: number): Promise<LabStatus> {
  const plan = planLab({ lab, image: imageTag(), apiPort });
  const inv = await inventory(docker, lab);
  const hosts = await Promise.all(
    plan.hosts.map(async (h) => {
      const c = inv.containers.find((x) => x.name === h.container);
      const state = hostState(c?.state);
      return { name: h.name, container: h.container, ip: h.ip, state, ready: state === 'running' && (await hostReady(docker, h.container)) };
    }),
  );
  const master = plan.hosts.find((h) => h.publish);
  const port = master?.publish?.hostPort;
  const cluster = port && hosts.find((h) => h.name === 'master')?.ready ? await clusterHealth(port).catch(() => undefined) : undefined;
  return {
    cluster,
    lab,
    state: labState(hosts.map((h) => h.state)),
    image: plan.hosts.length ? imageTag() : '',
    hosts,
    apiServer: master?.publish ? `http://${master.publish.hostIP}:${master.publish.hostPort}` : undefined,
  };
}
