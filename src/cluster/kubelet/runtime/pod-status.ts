// A pod's whole status as the kubelet reports it, from what Docker has for it
// and what the kubelet's last sync decided (why a container waits, probe
// results). Pure: the sync loop passes the facts and the old status.
import type { ContainerStatus, Pod, PodStatus } from '../../api/types';
import { podConditions } from './conditions';
import { containerStatus, type Waiting } from './container-status';
import type { ObservedPod } from './observed';
import { liveSandbox } from './observed';
import { podPhase } from './phase';
import { qosClass } from './qos';
import { shouldContainerBeRestarted, shouldInitContainerBeRestarted } from './restart';
import { kubeNow } from './time';

export interface PodStatusInput {
  pod: Pod;
  /** Docker's containers for this pod (groupByPod()), undefined before the first was made. */
  observed?: ObservedPod;
  hostIP: string;
  /** Why a container waits after the last sync (CrashLoopBackOff, ErrImagePull, …), by container name. */
  waiting?: ReadonlyMap<string, Waiting>;
  /** Readiness and startup probe results by container name. */
  ready?: ReadonlyMap<string, boolean>;
  started?: ReadonlyMap<string, boolean>;
  /** The pod worker decided the pod is finished (its containers will not run again). */
  podIsTerminal?: boolean;
  now?: Date;
}

export function podStatus(input: PodStatusInput): PodStatus {
  const { pod, observed } = input;
  const old = pod.status ?? {};
  const now = kubeNow(input.now);
  const hasInit = (pod.spec.initContainers ?? []).length > 0;

  const initStatuses: ContainerStatus[] = (pod.spec.initContainers ?? []).map((c) => {
    const runs = observed?.initContainers.get(c.name) ?? [];
    return containerStatus(c, {
      runs,
      waiting: input.waiting?.get(c.name),
      willRestart: shouldInitContainerBeRestarted(pod, runs[0]),
      defaultWaitingReason: 'PodInitializing',
      ready: input.ready?.get(c.name),
      started: input.started?.get(c.name),
      init: true,
    });
  });
  const statuses = pod.spec.containers
    .map((c) => {
      const runs = observed?.containers.get(c.name) ?? [];
      return containerStatus(c, {
        runs,
        waiting: input.waiting?.get(c.name),
        willRestart: shouldContainerBeRestarted(pod, runs[0]),
        defaultWaitingReason: hasInit ? 'PodInitializing' : 'ContainerCreating',
        ready: input.ready?.get(c.name),
        started: input.started?.get(c.name),
      });
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  let phase = podPhase(pod, [...statuses, ...initStatuses], input.podIsTerminal);
  // A pod never leaves a terminal phase.
  if (old.phase === 'Succeeded' || old.phase === 'Failed') phase = old.phase;

  const sandbox = liveSandbox(observed);
  const podIP = sandbox?.labels.podIP ?? observed?.sandboxes[0]?.labels.podIP ?? old.podIP;
  const status: PodStatus = {
    phase,
    conditions: podConditions(pod, [...statuses, ...initStatuses], phase, sandbox !== null, old.conditions ?? [], now),
  };
  if (phase === old.phase) {
    if (old.message) status.message = old.message;
    if (old.reason) status.reason = old.reason;
  }
  status.hostIP = input.hostIP;
  status.hostIPs = [{ ip: input.hostIP }];
  if (podIP) {
    status.podIP = podIP;
    status.podIPs = [{ ip: podIP }];
  }
  status.startTime = old.startTime ?? now;
  if (hasInit) status.initContainerStatuses = initStatuses;
  status.containerStatuses = statuses;
  status.qosClass = old.qosClass ?? qosClass(pod);
  return status;
}
