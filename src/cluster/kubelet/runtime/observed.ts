// The containers Docker has for this node's pods, grouped per pod and per
// container name, newest run first: what the kubelet compares with the pods
// it should run. A restarted kubelet rebuilds all of its state from this.
import type { ContainerInspect } from '../../docker/types';
import { readLabels, type LabelledContainer, type PodRef } from './labels';

export interface ObservedContainer {
  id: string;
  /** Docker's name without the leading '/'. */
  name: string;
  labels: LabelledContainer;
  inspect: ContainerInspect;
}

export interface ObservedPod {
  pod: PodRef;
  /** Newest first. */
  sandboxes: ObservedContainer[];
  /** Per container name, newest run first. */
  containers: Map<string, ObservedContainer[]>;
  initContainers: Map<string, ObservedContainer[]>;
}

function newestFirst(a: ObservedContainer, b: ObservedContainer): number {
  if (a.labels.restartCount !== b.labels.restartCount) return b.labels.restartCount - a.labels.restartCount;
  return b.inspect.Created.localeCompare(a.inspect.Created);
}

export function groupByPod(inspects: readonly ContainerInspect[]): Map<string, ObservedPod> {
  const pods = new Map<string, ObservedPod>();
  for (const inspect of inspects) {
    const labels = readLabels(inspect.Config?.Labels);
    if (!labels) continue;
    let pod = pods.get(labels.pod.uid);
    if (!pod) {
      pod = { pod: labels.pod, sandboxes: [], containers: new Map(), initContainers: new Map() };
      pods.set(labels.pod.uid, pod);
    }
    const observed: ObservedContainer = { id: inspect.Id, name: inspect.Name.replace(/^\//, ''), labels, inspect };
    if (labels.kind === 'sandbox') {
      pod.sandboxes.push(observed);
      continue;
    }
    const byName = labels.kind === 'init' ? pod.initContainers : pod.containers;
    const key = labels.containerName ?? '';
    byName.set(key, [...(byName.get(key) ?? []), observed]);
  }
  for (const pod of pods.values()) {
    pod.sandboxes.sort((a, b) => b.labels.sandboxAttempt - a.labels.sandboxAttempt || b.inspect.Created.localeCompare(a.inspect.Created));
    for (const list of [...pod.containers.values(), ...pod.initContainers.values()]) list.sort(newestFirst);
  }
  return pods;
}

export function isRunning(c: ObservedContainer): boolean {
  return c.inspect.State.Running || c.inspect.State.Status === 'running' || c.inspect.State.Status === 'paused';
}

/** The sandbox the pod's containers should join: the newest, if it still runs. */
export function liveSandbox(pod: ObservedPod | undefined): ObservedContainer | null {
  const s = pod?.sandboxes[0];
  return s && isRunning(s) ? s : null;
}

/**
 * Containers to remove: the kubelet keeps each container's newest run and the
 * one before it (for `kubectl logs --previous`), and only the newest sandbox.
 * Running containers are never on the list.
 */
export function containersToPrune(pod: ObservedPod): ObservedContainer[] {
  const out: ObservedContainer[] = [];
  for (const list of [...pod.containers.values(), ...pod.initContainers.values()]) {
    out.push(...list.slice(2).filter((c) => !isRunning(c)));
  }
  out.push(...pod.sandboxes.slice(1).filter((c) => !isRunning(c)));
  return out;
}

/**
 * Addresses held by this node's pods, for allocatePodIP: every sandbox that
 * still exists keeps its address until it is removed, so a pod that gets a new
 * sandbox can take its old address back.
 */
export function podIPsInUse(pods: ReadonlyMap<string, ObservedPod>): Set<string> {
  const ips = new Set<string>();
  for (const pod of pods.values()) for (const s of pod.sandboxes) if (s.labels.podIP) ips.add(s.labels.podIP);
  return ips;
}
