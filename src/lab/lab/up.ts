// `kubelab up`: create what is missing, start what is stopped, re-attach to
// what runs, and wait until every host answers. Idempotent; on failure it
// removes what this call created, so nothing is left half-made.
import type Docker from 'dockerode';
import type { ProgressSink } from '../../shared/engine';
import { makeTar } from '../docker/tar';
import { imageExists } from '../image/base';
import { imageTag } from '../image/recipe';
import { planLab, type HostPlan, type LabPlan, type NetworkPlan } from '../topology/plan';
import { hostBundle, manifestEntries, type HostBundle } from './bundle';
import { LabError, explainDockerError } from './errors';
import { inventory, type Inventory } from './inventory';
import { removeNetwork } from './stop';
import { waitForCluster, healthy, type ClusterHealth } from './cluster-ready';
import { waitForHosts } from './wait';

export interface UpOptions {
  lab?: string;
  apiPort?: number;
  dockerSocket?: string;
  progress: ProgressSink;
  /** How long to wait for the hosts to answer, and then for the cluster to be ready. */
  timeoutMs?: number;
  /** Return once the hosts answer, without waiting for nodes and system pods. */
  hostsOnly?: boolean;
  /** false: make the hosts without etcd and the Kubernetes components (implies hostsOnly). */
  kubernetes?: boolean;
}

export interface UpResult {
  plan: LabPlan;
  created: string[];
  started: string[];
  timings: Record<string, number>;
  cluster?: ClusterHealth;
}

function networkOptions(net: NetworkPlan): Docker.NetworkCreateOptions {
  const options: Docker.NetworkCreateOptions = { Name: net.name, Driver: 'bridge', CheckDuplicate: true, Labels: net.labels };
  if (net.subnet) {
    options.IPAM = { Driver: 'default', Config: [{ Subnet: net.subnet, Gateway: net.gateway, IPRange: net.ipRange }] };
  }
  if (net.sealed) {
    // Docker's masquerade would rewrite DNATed pod traffic that crosses nodes, and
    // an address on the host's bridge would let the desktop into the lab.
    options.Options = {
      'com.docker.network.bridge.enable_ip_masquerade': 'false',
      'com.docker.network.bridge.inhibit_ipv4': 'true',
    };
  }
  return options;
}

function containerOptions(plan: LabPlan, host: HostPlan, image: string): Docker.ContainerCreateOptions {
  const [first] = host.attachments;
  const options: Docker.ContainerCreateOptions = {
    name: host.container,
    Image: image,
    Hostname: host.hostname,
    Env: Object.entries(host.env).map(([k, v]) => `${k}=${v}`),
    Labels: host.labels,
    Entrypoint: ['/usr/bin/tini', '-g', '--', '/opt/kubelab/bin/host-init'],
    Cmd: [],
    StopTimeout: 5,
    HostConfig: {
      NetworkMode: first!.network,
      CapAdd: host.capAdd,
      Sysctls: host.sysctls,
      Binds: host.mounts,
      ExtraHosts: plan.extraHosts,
      Dns: host.dns,
      // /run starts empty at every boot, as on a real machine: stale pid files
      // and readiness markers never survive a restart.
      Tmpfs: { '/run': 'rw,nosuid,nodev,mode=755,size=16m' },
      RestartPolicy: { Name: 'no' },
      LogConfig: { Type: 'json-file', Config: { 'max-size': '1m', 'max-file': '2' } },
    },
    NetworkingConfig: { EndpointsConfig: { [first!.network]: { IPAMConfig: { IPv4Address: first!.ip } } } },
  };
  if (host.publish) {
    const port = `${host.publish.containerPort}/tcp`;
    options.ExposedPorts = { [port]: {} };
    options.HostConfig!.PortBindings = { [port]: [{ HostIp: host.publish.hostIP, HostPort: String(host.publish.hostPort) }] };
  }
  return options;
}

async function createHost(docker: Docker, plan: LabPlan, host: HostPlan, image: string, bundle: HostBundle): Promise<Docker.Container> {
  let container: Docker.Container;
  try {
    container = await docker.createContainer(containerOptions(plan, host, image));
  } catch (err) {
    throw explainDockerError(err, { name: host.container });
  }
  for (const attachment of host.attachments.slice(1)) {
    await docker.getNetwork(attachment.network).connect({
      Container: container.id,
      EndpointConfig: attachment.ip ? { IPAMConfig: { IPv4Address: attachment.ip } } : {},
    });
  }
  const entries = [...bundle.entries, ...(host.name === 'master' ? manifestEntries() : [])];
  await container.putArchive(makeTar(entries), { path: '/' });
  return container;
}

async function timed<T>(timings: Record<string, number>, name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    timings[name] = Math.round(performance.now() - start);
  }
}

async function rollback(docker: Docker, created: { containers: string[]; networks: string[]; volumes: string[] }): Promise<void> {
  await Promise.allSettled(created.containers.map((id) => docker.getContainer(id).remove({ force: true, v: true })));
  // Docker may need a moment to let go of a network whose container just went.
  await Promise.allSettled(created.networks.map((id) => removeNetwork(docker, id, id)));
  await Promise.allSettled(created.volumes.map((name) => docker.getVolume(name).remove()));
}

/**
 * Like Promise.all, but waits for every task before failing: a rollback that
 * ran while a sibling was still creating something would miss what it made.
 */
async function allOrFirstError(tasks: Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

export async function labUp(docker: Docker, options: UpOptions): Promise<UpResult> {
  const { progress } = options;
  const timings: Record<string, number> = {};
  const image = imageTag();
  if (!(await imageExists(docker, image))) {
    throw new LabError(`The lab image ${image} is not in Docker. Run \`kubelab image build\` (a minute or two), or \`kubelab image load FILE\` with a tarball from your teacher.`, 'image-missing');
  }
  const bundle = hostBundle();
  const plan = planLab({ lab: options.lab, image, apiPort: options.apiPort, dockerSocket: options.dockerSocket, kubernetes: options.kubernetes });
  const inv: Inventory = await timed(timings, 'inventory', () => inventory(docker, plan.lab));
  const created = { containers: [] as string[], networks: [] as string[], volumes: [] as string[] };
  const started: string[] = [];
  const createdNames: string[] = [];

  try {
    await timed(timings, 'networks', () =>
      allOrFirstError(
        plan.networks
          .filter((net) => !inv.networks.some((n) => n.name === net.name))
          .map(async (net) => {
            progress({ task: 'up', step: 'network', message: `creating network ${net.name}` });
            try {
              const network = await docker.createNetwork(networkOptions(net));
              created.networks.push(network.id);
              createdNames.push(net.name);
            } catch (err) {
              throw explainDockerError(err, { subnet: net.subnet });
            }
          }),
      ),
    );

    await timed(timings, 'volumes', () =>
      allOrFirstError(
        plan.volumes
          .filter((v) => !inv.volumes.includes(v.name))
          .map(async (v) => {
            await docker.createVolume({ Name: v.name, Labels: v.labels });
            created.volumes.push(v.name);
          }),
      ),
    );

    const toStart: Docker.Container[] = [];
    const toRestart: Docker.Container[] = [];
    await timed(timings, 'hosts', () =>
      allOrFirstError(
        plan.hosts.map(async (host) => {
          let existing = inv.containers.find((c) => c.name === host.container);
          if (existing && existing.image !== image) {
            // A new recipe: replace the host container; volumes (etcd's data) stay.
            progress({ task: 'up', step: host.name, message: `replacing ${host.name} (image ${existing.image} -> ${image})` });
            await docker.getContainer(existing.id).remove({ force: true });
            existing = undefined;
          }
          if (!existing) {
            progress({ task: 'up', step: host.name, message: `creating ${host.name}` });
            const container = await createHost(docker, plan, host, image, bundle);
            created.containers.push(container.id);
            createdNames.push(host.container);
            toStart.push(container);
            return;
          }
          const container = docker.getContainer(existing.id);
          if ((await readVersion(docker, existing.id)) !== bundle.version) {
            // Newer cluster software: copy it in; a running host restarts to pick it up.
            progress({ task: 'up', step: host.name, message: `updating the cluster software in ${host.name}` });
            await container.putArchive(makeTar(bundle.entries), { path: '/' });
            if (existing.state === 'running') {
              toRestart.push(container);
              return;
            }
          }
          if (existing.state !== 'running') toStart.push(container);
        }),
      ),
    );

    await timed(timings, 'start', () =>
      allOrFirstError([
        ...toStart.map(async (c) => {
          progress({ task: 'up', step: 'start', message: `starting ${c.id.slice(0, 12)}` });
          try {
            await c.start();
          } catch (err) {
            const host = plan.hosts.find((h) => h.publish);
            throw explainDockerError(err, { port: host?.publish?.hostPort });
          }
          started.push(c.id);
        }),
        ...toRestart.map(async (c) => {
          await c.restart({ t: 5 });
          started.push(c.id);
        }),
      ]),
    );
  } catch (err) {
    progress({ task: 'up', message: 'failed; removing what this attempt created', error: (err as Error).message });
    await rollback(docker, created);
    throw err;
  }

  await timed(timings, 'ready', () => waitForHosts(docker, plan.hosts.map((h) => h.container), options.timeoutMs ?? 60_000, progress));
  const apiPort = plan.hosts.find((h) => h.publish)?.publish?.hostPort;
  let cluster: ClusterHealth | undefined;
  if (!options.hostsOnly && options.kubernetes !== false && apiPort && bundle.components.includes('kube-apiserver')) {
    cluster = await timed(timings, 'cluster', () => waitForCluster(apiPort, options.timeoutMs ?? 60_000, progress));
    if (!cluster || !healthy(cluster)) {
      const what = cluster ? `${cluster.nodesReady}/${cluster.nodes} nodes Ready, ${cluster.systemPodsRunning}/${cluster.systemPods} system pods running` : 'the API server did not answer';
      throw new LabError(`The hosts are up but the cluster is not ready (${what}). Logs: /var/log/kubelab/ in master (kubelab exec master -- tail /var/log/kubelab/kube-apiserver.log).`, 'timeout');
    }
  }
  progress({ task: 'up', message: cluster ? 'cluster ready' : 'all hosts answer', done: true, fraction: 1 });
  return { plan, created: createdNames, started, timings, cluster };
}

async function readVersion(docker: Docker, id: string): Promise<string | undefined> {
  try {
    const stream = await docker.getContainer(id).getArchive({ path: '/opt/kubelab/VERSION' });
    const chunks: Buffer[] = [];
    for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
    // A tar with one small file: the content follows the 512-byte header.
    return Buffer.concat(chunks).subarray(512, 512 + 16).toString();
  } catch {
    return undefined;
  }
}
