// kubelet: registers this node, runs the pods bound to it as Docker
// containers on the node's pod network, reports their status, serves their
// logs, exec and attach on :10250, and mirrors the host's own components.
import { copyFileSync, createReadStream, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, unlinkSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import type { Container, Pod, Service } from '../api/types';
import { EventRecorder, restEventSink } from '../client/events';
import { flag, parseComponentFlags } from '../client/flags';
import { Informer } from '../client/informer';
import { readKubeconfig } from '../client/kubeconfig';
import { runWorkers, WorkQueue } from '../client/queue';
import { R, RestClient } from '../client/rest';
import { DockerClient } from '../docker';
import type { ContainerInspect } from '../docker/types';
import { createKubeletStreamingServer, dockerIdOf, logTarget } from '../streaming';
import { mirroredComponents } from './mirror';
import { MirrorPods } from './mirror-sync';
import { KUBELET_PORT, type NodeFacts } from './node-object';
import { NodeSync } from './node-sync';
import { networkProbe, ReadinessProber } from './probes';
import { finishDeletion, observePod, syncPod, teardownPod, type PodSyncDeps } from './pod-sync';
import { allocatePodIP, daemonPathFor, groupByPod, KUBELET_DIR, LABEL, nodeFilter, readLabels, type ImageToRun, type NodeRuntimeConfig } from './runtime';

const log = (line: string) => console.log(`${new Date().toISOString()} kubelet: ${line}`);

/** How often every pod is looked at again even without a change (restarts after back-off, drift). */
const RESYNC_MS = 2000;
const COREDNS_IMAGE = /^(registry\.k8s\.io\/|k8s\.gcr\.io\/)?coredns\/coredns(:|@|$)/;

function osImage(): string {
  try {
    return readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]+)"?/m)?.[1] ?? 'Linux';
  } catch {
    return 'Linux';
  }
}

function hostsMap(): Map<string, string> {
  return new Map((process.env.KUBELAB_HOSTS ?? '').split(',').filter(Boolean).map((p) => p.split('=') as [string, string]));
}

async function main(): Promise<void> {
  const flags = parseComponentFlags(process.argv.slice(2));
  const client = new RestClient(readKubeconfig(flag(flags, 'kubeconfig')), `kubelet/v1.35.2 (linux/amd64)`);
  const nodeName = flag(flags, 'hostname-override', os.hostname());
  const hostIP = flag(flags, 'node-ip');
  const podCIDR = flag(flags, 'pod-cidr');
  const lab = process.env.KUBELAB_LAB ?? 'kubelab';
  const docker = new DockerClient(flag(flags, 'container-runtime-endpoint', 'unix:///var/run/docker.sock'));

  const self = await docker.inspectContainer(`${lab}-${nodeName}`);
  const labImageRef = process.env.KUBELAB_IMAGE ?? self.Config.Image ?? '';
  const kubeletDirOnDaemon = daemonPathFor(self.Mounts ?? [], KUBELET_DIR);
  if (!kubeletDirOnDaemon) throw new Error(`${KUBELET_DIR} is not a volume of this node: pods could not get their resolv.conf`);
  const labImageInspect = await docker.inspectImage(labImageRef);
  if (!labImageInspect) throw new Error(`the lab image ${labImageRef} is not in Docker`);
  const node: NodeRuntimeConfig = {
    lab,
    node: nodeName,
    labImage: labImageRef,
    podNetwork: flag(flags, 'pod-network'),
    podCIDR,
    hostIP,
    clusterDNS: flag(flags, 'cluster-dns', '10.96.0.10').split(','),
    clusterDomain: flag(flags, 'cluster-domain', 'cluster.local'),
    kubeletDir: KUBELET_DIR,
    kubeletDirOnDaemon,
  };

  // The cluster DNS runs our coredns bundle in its pods: it travels through the
  // kubelet's volume, with a link so the process is called coredns.
  const shared = `${KUBELET_DIR}/kubelab`;
  mkdirSync(shared, { recursive: true });
  if (existsSync('/opt/kubelab/coredns.js')) copyFileSync('/opt/kubelab/coredns.js', `${shared}/coredns.js`);
  try {
    unlinkSync(`${shared}/coredns`);
  } catch {
    // not there yet
  }
  symlinkSync('/usr/bin/node', `${shared}/coredns`);
  const special = (c: Container): ImageToRun | undefined =>
    c.image && COREDNS_IMAGE.test(c.image)
      ? {
          action: 'run',
          image: labImageRef,
          imageID: `docker://${labImageInspect.Id}`,
          command: { entrypoint: ['/kubelab/coredns', '/kubelab/coredns.js'], cmd: [] },
          source: 'stand-in',
          events: [{ type: 'Normal', reason: 'Pulled', message: `${c.image} is not available offline; running KubeLab's cluster DNS instead` }],
        }
      : undefined;
  const extraMounts = (c: Container) => (c.image && COREDNS_IMAGE.test(c.image) ? [{ Type: 'bind' as const, Source: `${kubeletDirOnDaemon}/kubelab`, Target: '/kubelab', ReadOnly: true }] : []);

  const version = await docker.version();
  const facts: NodeFacts = {
    name: nodeName,
    ip: hostIP,
    podCIDR,
    controlPlane: process.env.KUBELAB_ROLE === 'control-plane',
    cpus: os.cpus().length,
    memoryKi: Math.floor(os.totalmem() / 1024),
    kernelVersion: os.release(),
    osImage: osImage(),
    containerRuntimeVersion: `docker://${version.Version.replace(/\+.*$/, '')}`,
    kubeletVersion: 'v1.35.2',
    machineID: self.Id.slice(0, 32),
    bootID: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
    maxPods: 110,
  };
  const nodeSync = new NodeSync(client, facts, log);
  await nodeSync.register();
  nodeSync.start();

  // Pod addresses in use, from the sandboxes Docker already has.
  const inUse = new Set<string>();
  const existing = await docker.listContainers([...nodeFilter(node), `${LABEL.kind}=sandbox`], { all: true });
  for (const c of existing) {
    const ip = readLabels(c.Labels)?.podIP;
    if (ip) inUse.add(ip);
  }

  const recorder = new EventRecorder(restEventSink(client), { component: 'kubelet', host: nodeName }, { log });
  const pods = new Informer<Pod>(client, R.pods, { fieldSelector: `spec.nodeName=${nodeName}`, log });
  const services = new Informer<Service>(client, R.services, { log });
  const byUID = new Map<string, Pod>();
  const queue = new WorkQueue({ baseDelayMs: 200, maxDelayMs: 10_000 });
  const prober = new ReadinessProber(networkProbe, (uid) => queue.add(uid));
  const cloud = hostsMap().get('cloud');
  const deps: PodSyncDeps = {
    docker,
    client,
    node,
    labImage: { ...labImageInspect, ref: labImageRef },
    hostResolv: { nameservers: cloud ? [cloud] : [], searches: [], options: [] },
    recorder,
    prober,
    services: () => services.list(),
    allocateIP: () => {
      const ip = allocatePodIP(podCIDR, inUse);
      if (!ip) throw new Error(`no free pod address left in ${podCIDR}`);
      inUse.add(ip);
      return ip;
    },
    releaseIP: (ip) => inUse.delete(ip),
    special,
    extraMounts,
    log,
  };

  const isMirror = (p: Pod) => Boolean(p.metadata.annotations?.['kubernetes.io/config.mirror']);
  pods.on({
    add: (p) => {
      byUID.set(p.metadata.uid!, p);
      if (!isMirror(p)) queue.add(p.metadata.uid!);
    },
    update: (p) => {
      byUID.set(p.metadata.uid!, p);
      if (!isMirror(p)) queue.add(p.metadata.uid!);
    },
    delete: (p) => {
      byUID.delete(p.metadata.uid!);
      if (!isMirror(p)) queue.add(p.metadata.uid!);
    },
  });

  runWorkers(
    queue,
    4,
    async (uid) => {
      const pod = byUID.get(uid);
      const observed = await observePod(docker, node, uid);
      if (!pod) {
        if (observed && pods.synced) await teardownPod(deps, undefined, observed);
        return;
      }
      if (pod.metadata.deletionTimestamp) return finishDeletion(deps, pod, observed);
      await syncPod(deps, pod, observed, uid);
    },
    log,
  );

  // A container that stops is looked at at once (restarts, status).
  docker.events({ filters: { type: ['container'], label: [`${LABEL.host}=${nodeName}`, `${LABEL.lab}=${lab}`], event: ['die', 'start', 'oom'] } }, (event) => {
    const uid = (event as { Actor?: { Attributes?: Record<string, string> } }).Actor?.Attributes?.[LABEL.podUID];
    if (uid) queue.add(uid);
  });

  setInterval(() => {
    for (const [uid, p] of byUID) if (!isMirror(p)) queue.add(uid);
    if (!pods.synced) return;
    // Containers of pods the API no longer has (deleted while this kubelet was down).
    void docker
      .listContainers(nodeFilter(node), { all: true })
      .then((all) => {
        for (const c of all) {
          const uid = readLabels(c.Labels)?.pod.uid;
          if (uid && !byUID.has(uid)) queue.add(uid);
        }
      })
      .catch(() => undefined);
  }, RESYNC_MS);

  services.start();
  pods.start();

  const mirrors = new MirrorPods(client, { nodeName, hostIP, image: labImageRef, imageID: `docker://${labImageInspect.Id}`, nodeUID: () => nodeSync.uid }, mirroredComponents(facts.controlPlane), log);
  mirrors.start();

  const podByName = (namespace: string, name: string) => pods.get(namespace, name);
  const streaming = createKubeletStreamingServer({
    docker,
    port: KUBELET_PORT,
    async resolveContainer(q) {
      const pod = podByName(q.namespace, q.pod);
      if (!pod) return { status: 404, message: 'pod does not exist' };
      if (isMirror(pod)) return { id: self.Id, tty: false };
      const status = pod.status?.containerStatuses?.find((s) => s.name === q.container);
      if (!status?.containerID || !status.state?.running) return null;
      const id = dockerIdOf(status.containerID);
      const inspect: ContainerInspect | undefined = await docker.inspectContainer(id).catch(() => undefined);
      if (!inspect?.State.Running) return null;
      return { id, tty: Boolean(inspect.Config.Tty), execUser: inspect.Config.Labels?.[LABEL.execUser] };
    },
    async resolveLogs(q) {
      const pod = podByName(q.namespace, q.pod);
      if (!pod) return { status: 404, message: 'pod does not exist' };
      const target = logTarget(q.pod, pod.status ?? {}, q.container, Boolean(q.options.previous));
      if ('error' in target) return { status: 400, message: target.error };
      const id = dockerIdOf(target.containerID);
      const inspect = await docker.inspectContainer(id).catch(() => undefined);
      return { id, tty: Boolean(inspect?.Config.Tty) };
    },
    onError: (err) => log(`streaming: ${(err as Error)?.message ?? err}`),
  });
  const server = http.createServer((req, res) => {
    if (serveMirrorLogs(req, res, podByName)) return;
    if (!streaming.handleRequest(req, res)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('404 page not found\n');
    }
  });
  server.on('upgrade', (req, socket, head) => {
    if (!streaming.handleUpgrade(req, socket, head)) socket.destroy();
  });
  server.listen(KUBELET_PORT, '0.0.0.0');
  log(`started on ${nodeName} (${hostIP}), pods on ${podCIDR}`);

  void groupByPod;
  process.on('SIGTERM', () => process.exit(0));
}

/** `kubectl logs` of a mirror pod: the component's own log file on this host. */
function serveMirrorLogs(req: http.IncomingMessage, res: http.ServerResponse, podByName: (ns: string, name: string) => Pod | undefined): boolean {
  const url = new URL(req.url ?? '/', 'http://kubelet');
  const m = url.pathname.match(/^\/containerLogs\/([^/]+)\/([^/]+)\/([^/]+)$/);
  if (!m) return false;
  const pod = podByName(decodeURIComponent(m[1]!), decodeURIComponent(m[2]!));
  if (!pod?.metadata.annotations?.['kubernetes.io/config.mirror']) return false;
  const file = `/var/log/kubelab/${decodeURIComponent(m[3]!)}.log`;
  if (!existsSync(file)) {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end();
    return true;
  }
  const tail = Number(url.searchParams.get('tailLines') ?? -1);
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  if (tail >= 0) {
    const lines = readFileSync(file, 'utf8').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    res.write(lines.slice(Math.max(0, lines.length - tail)).map((l) => `${l}\n`).join(''));
  } else {
    res.write(readFileSync(file));
  }
  if (url.searchParams.get('follow') !== 'true') {
    res.end();
    return true;
  }
  let offset = statSync(file).size;
  const timer = setInterval(() => {
    const size = statSync(file).size;
    if (size < offset) offset = 0;
    if (size > offset) {
      createReadStream(file, { start: offset, end: size - 1 }).on('data', (c) => res.write(c));
      offset = size;
    }
  }, 250);
  req.on('close', () => clearInterval(timer));
  return true;
}

main().catch((err: unknown) => {
  log(`fatal: ${(err as Error)?.stack ?? err}`);
  process.exit(1);
});
