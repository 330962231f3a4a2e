// One pass of the kubelet over one pod: compare what Docker runs for it with
// its spec and make them agree (sandbox, containers, restarts), then report
// the pod's status. Deleted pods are stopped, removed and released.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Container, Pod, PodStatus, Service } from '../api/types';
import { objectReference, type EventRecorder } from '../client/events';
import { R, type RestClient } from '../client/rest';
import type { DockerClient } from '../docker';
import type { ContainerInspect, ImageInspect } from '../docker/types';
import {
  Backoff, backoffKey, containerEnv, containerEvents, containerFieldPath, containerSpec, containersToPrune, decideRestart, formatResolvConf,
  gracePeriodSeconds, groupByPod, isRunning, liveSandbox, managedHostsFile, nodeFilter, planImage, podFiles, podHostname, podResolvConfig,
  podStatus, sandboxSpec, LABEL, type ImageToRun, type KubeletEvent, type NodeRuntimeConfig, type ObservedPod, type Waiting,
} from './runtime';
import type { ResolvConfig } from './runtime/dns';
import type { ReadinessProber } from './probes';

export interface PodSyncDeps {
  docker: DockerClient;
  client: RestClient;
  node: NodeRuntimeConfig;
  labImage: ImageInspect & { ref: string };
  hostResolv: ResolvConfig;
  recorder: EventRecorder;
  prober: ReadinessProber;
  services: () => readonly Service[];
  allocateIP: () => string;
  releaseIP: (ip: string) => void;
  /** Images served by the lab itself that are not in the stand-in table (the cluster DNS). */
  special: (container: Container) => ImageToRun | undefined;
  extraMounts: (container: Container) => { Type: 'bind'; Source: string; Target: string; ReadOnly?: boolean }[];
  log: (line: string) => void;
}

const backoff = new Backoff();
/** Why each container waits, per pod uid, remembered between syncs (ErrImagePull, CrashLoopBackOff...). */
const waitingByPod = new Map<string, Map<string, Waiting>>();
/** The last status we wrote, so unchanged statuses cost no API call. */
const lastStatus = new Map<string, string>();

export async function observePod(docker: DockerClient, node: NodeRuntimeConfig, uid: string): Promise<ObservedPod | undefined> {
  const summaries = await docker.listContainers([...nodeFilter(node), `${LABEL.podUID}=${uid}`], { all: true });
  const inspects = await Promise.all(summaries.map((s) => docker.inspectContainer(s.Id).catch(() => undefined)));
  return groupByPod(inspects.filter((i): i is ContainerInspect => Boolean(i))).get(uid);
}

function record(deps: PodSyncDeps, pod: Pod, event: KubeletEvent, container?: string): void {
  const ref = objectReference(pod);
  if (container) ref.fieldPath = containerFieldPath(container);
  deps.recorder.event(ref, event.type, event.reason, event.message);
}

/** Stops and removes everything Docker runs for the pod; gives its address back. */
export async function teardownPod(deps: PodSyncDeps, pod: Pod | undefined, observed: ObservedPod): Promise<void> {
  const grace = pod ? gracePeriodSeconds(pod) : 0;
  const all = [...observed.containers.values(), ...observed.initContainers.values()].flat();
  await Promise.all(
    all.filter(isRunning).map(async (c) => {
      if (pod && c.labels.containerName) record(deps, pod, containerEvents.killing(c.labels.containerName), c.labels.containerName);
      await deps.docker.stopContainer(c.id, grace).catch(() => undefined);
    }),
  );
  await Promise.all(observed.sandboxes.map((s) => deps.docker.stopContainer(s.id, 0).catch(() => undefined)));
  await Promise.all([...all, ...observed.sandboxes].map((c) => deps.docker.removeContainer(c.id, { force: true }).catch(() => undefined)));
  for (const s of observed.sandboxes) if (s.labels.podIP) deps.releaseIP(s.labels.podIP);
  waitingByPod.delete(observed.pod.uid);
  lastStatus.delete(observed.pod.uid);
}

function writePodFiles(deps: PodSyncDeps, pod: Pod, ip: string) {
  const files = podFiles(pod.metadata.uid!, deps.node.kubeletDir, deps.node.kubeletDirOnDaemon);
  const { hostname, domain } = podHostname(pod, deps.node.clusterDomain);
  mkdirSync(files.dir, { recursive: true });
  writeFileSync(files.hosts.path, managedHostsFile([ip], hostname, domain, pod.spec.hostAliases ?? []));
  writeFileSync(files.resolvConf.path, formatResolvConf(podResolvConfig(pod, { clusterDNS: deps.node.clusterDNS, clusterDomain: deps.node.clusterDomain, host: deps.hostResolv })));
  return files;
}

async function ensureSandbox(deps: PodSyncDeps, pod: Pod, observed: ObservedPod | undefined): Promise<{ id: string; ip: string }> {
  const live = liveSandbox(observed);
  if (live) return { id: live.id, ip: live.labels.podIP ?? live.inspect.NetworkSettings?.Networks?.[deps.node.podNetwork]?.IPAddress ?? '' };
  if (observed) {
    // The sandbox died (a restarted node, say): its containers go with it, and the pod starts over.
    const running = [...observed.containers.values()].flat().filter(isRunning);
    await Promise.all(running.map((c) => deps.docker.stopContainer(c.id, 0).catch(() => undefined)));
  }
  const previous = observed?.sandboxes[0];
  const ip = previous?.labels.podIP ?? deps.allocateIP();
  const files = writePodFiles(deps, pod, ip);
  const spec = sandboxSpec(pod, deps.node, ip, files, observed?.sandboxes.length ?? 0);
  if (previous) await deps.docker.removeContainer(previous.id, { force: true }).catch(() => undefined);
  const { Id } = await deps.docker.createContainer(spec.name, spec.body);
  await deps.docker.startContainer(Id);
  return { id: Id, ip };
}

async function startContainer(deps: PodSyncDeps, pod: Pod, container: Container, sandbox: { id: string; ip: string }, restartCount: number, waiting: Map<string, Waiting>): Promise<void> {
  const special = deps.special(container);
  const plan = special ?? planImage(container, { local: container.image ? await deps.docker.inspectImage(container.image) : null, labImage: deps.labImage, allowPull: false });
  for (const e of plan.events) record(deps, pod, e, container.name);
  if (plan.action !== 'run') {
    if ('reason' in plan) waiting.set(container.name, { reason: plan.reason, message: plan.message });
    return;
  }
  const files = podFiles(pod.metadata.uid!, deps.node.kubeletDir, deps.node.kubeletDirOnDaemon);
  const env = containerEnv(pod, container, { services: deps.services(), podIP: sandbox.ip, hostIP: deps.node.hostIP, nodeName: deps.node.node });
  const spec = containerSpec({ pod, container, kind: 'container', node: deps.node, sandbox: sandbox.id, restartCount, image: plan, env, files });
  const extra = deps.extraMounts(container);
  if (extra.length) spec.body.HostConfig = { ...spec.body.HostConfig, Mounts: [...(spec.body.HostConfig?.Mounts ?? []), ...extra] };
  try {
    const { Id } = await deps.docker.createContainer(spec.name, spec.body);
    record(deps, pod, containerEvents.created(container.name), container.name);
    await deps.docker.startContainer(Id);
    record(deps, pod, containerEvents.started(container.name), container.name);
    waiting.delete(container.name);
  } catch (err) {
    const message = (err as Error).message;
    record(deps, pod, containerEvents.failed(message), container.name);
    waiting.set(container.name, { reason: 'RunContainerError', message });
  }
}

/** Makes Docker run what the pod asks for and returns its status. */
export async function syncPod(deps: PodSyncDeps, pod: Pod, observed: ObservedPod | undefined, podKey: string): Promise<void> {
  const uid = pod.metadata.uid!;
  const waiting = waitingByPod.get(uid) ?? new Map<string, Waiting>();
  waitingByPod.set(uid, waiting);
  const phase = pod.status?.phase;
  const terminal = phase === 'Succeeded' || phase === 'Failed';

  if (!terminal) {
    const sandbox = await ensureSandbox(deps, pod, observed);
    if (!observed || !liveSandbox(observed)) observed = await observePod(deps.docker, deps.node, uid);
    for (const container of pod.spec.containers) {
      const runs = observed?.containers.get(container.name) ?? [];
      const decision = decideRestart(pod, container, runs, backoff);
      if (decision.action === 'wait') {
        if (waiting.get(container.name)?.reason !== 'CrashLoopBackOff') record(deps, pod, decision.event, container.name);
        waiting.set(container.name, decision.waiting);
        continue;
      }
      if (decision.action === 'start') await startContainer(deps, pod, container, sandbox, decision.restartCount, waiting);
    }
    observed = await observePod(deps.docker, deps.node, uid);
    for (const c of pod.spec.containers) {
      const latest = observed?.containers.get(c.name)?.[0];
      if (latest && isRunning(latest)) deps.prober.ensure(podKey, latest.id, c, sandbox.ip, async (command) => (await execOk(deps.docker, latest.id, command)));
    }
    for (const c of observed ? containersToPrune(observed) : []) await deps.docker.removeContainer(c.id, { force: true }).catch(() => undefined);
  }

  const ready = new Map<string, boolean>();
  for (const c of pod.spec.containers) {
    const latest = observed?.containers.get(c.name)?.[0];
    ready.set(c.name, Boolean(latest && isRunning(latest) && deps.prober.ready(latest.id)));
  }
  const status = podStatus({ pod, observed, hostIP: deps.node.hostIP, waiting, ready });
  await writeStatus(deps, pod, status);
}

async function execOk(docker: DockerClient, id: string, command: string[]): Promise<boolean> {
  try {
    const execId = await docker.createExec(id, { Cmd: command, AttachStdout: true, AttachStderr: true });
    const stream = await docker.startExec(execId, false);
    stream.stdout.resume();
    stream.stderr?.resume();
    await stream.done;
    return (await docker.execExitCode(execId)) === 0;
  } catch {
    return false;
  }
}

/** JSON with sorted keys: the API server returns fields in Go's order, not ours. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

async function writeStatus(deps: PodSyncDeps, pod: Pod, status: PodStatus): Promise<void> {
  const uid = pod.metadata.uid!;
  const text = canonical(status);
  if (canonical(pod.status) === text) return;
  if (lastStatus.get(uid) === text) return;
  try {
    await deps.client.update<Pod>(R.pods, { ...pod, status }, 'status');
    lastStatus.set(uid, text);
  } catch (err) {
    lastStatus.delete(uid);
    throw err;
  }
}

/** The pod was marked for deletion: stop it with its grace period, then remove it for good. */
export async function finishDeletion(deps: PodSyncDeps, pod: Pod, observed: ObservedPod | undefined): Promise<void> {
  if (observed) await teardownPod(deps, pod, observed);
  await deps.client
    .delete(R.pods, pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } })
    .catch((err: { code?: number }) => {
      if (err.code !== 404 && err.code !== 409) throw err;
    });
}

export { backoffKey };
