// Docker's view of a container's runs → the Kubernetes ContainerStatus, as
// kubelet_pods.go convertToAPIContainerStatuses builds it: the newest run gives
// the state, the run before it the lastState, and a container that is about to
// run again shows the reason it is waiting (CrashLoopBackOff, ErrImagePull, …).
import type { Container, ContainerState, ContainerStatus } from '../../api/types';
import type { ObservedContainer } from './observed';
import { runtimeState } from './restart';
import { kubeTime } from './time';

export interface Waiting {
  reason: string;
  message?: string;
}

export interface ContainerStatusOptions {
  /** Newest run first (ObservedPod.containers.get(name)). */
  runs: readonly ObservedContainer[];
  /** The reason the kubelet's last sync left this container waiting, if any. */
  waiting?: Waiting;
  /** Whether the kubelet would run it again (shouldContainerBeRestarted). */
  willRestart: boolean;
  /** ContainerCreating, or PodInitializing while init containers run. */
  defaultWaitingReason: 'ContainerCreating' | 'PodInitializing';
  /** Readiness probe result; without one a running container is ready. */
  ready?: boolean;
  /** Startup probe result; without one a running container has started. */
  started?: boolean;
  init?: boolean;
}

export function containerID(run: ObservedContainer): string {
  return `docker://${run.id}`;
}

/** The state one run is in. */
export function stateOf(run: ObservedContainer): ContainerState {
  const s = run.inspect.State;
  switch (runtimeState(run)) {
    case 'running':
      return { running: { startedAt: kubeTime(s.StartedAt) } };
    case 'exited': {
      const terminated: NonNullable<ContainerState['terminated']> = { exitCode: s.ExitCode, reason: terminatedReason(run) };
      if (s.Error) terminated.message = s.Error;
      const startedAt = kubeTime(s.StartedAt);
      const finishedAt = kubeTime(s.FinishedAt);
      if (startedAt) terminated.startedAt = startedAt;
      if (finishedAt) terminated.finishedAt = finishedAt;
      terminated.containerID = containerID(run);
      return { terminated };
    }
    default:
      // Created but not started, or unknown: "waiting to be running".
      return { waiting: {} };
  }
}

/** containerd's words: OOMKilled, StartError (Docker could not start it), Completed, Error. */
function terminatedReason(run: ObservedContainer): string {
  const s = run.inspect.State;
  if (s.OOMKilled) return 'OOMKilled';
  if (s.Error) return 'StartError';
  return s.ExitCode === 0 ? 'Completed' : 'Error';
}

export function containerStatus(container: Container, opts: ContainerStatusOptions): ContainerStatus {
  const status: ContainerStatus = {
    name: container.name,
    state: { waiting: { reason: opts.defaultWaitingReason } },
    lastState: {},
    ready: false,
    restartCount: 0,
    image: container.image ?? '',
    imageID: '',
    started: false,
  };
  const [latest, previous] = opts.runs;
  if (latest) {
    status.state = stateOf(latest);
    status.containerID = containerID(latest);
    status.imageID = latest.labels.imageID ?? `docker://${latest.inspect.Image}`;
    status.restartCount = latest.labels.restartCount;
    if (status.state.running) {
      status.started = opts.started ?? true;
      status.ready = opts.ready ?? !container.readinessProbe;
    }
  }
  if (previous) status.lastState = stateOf(previous);
  // An init container (not a sidecar) is ready once it has succeeded, never while it runs.
  if (opts.init && container.restartPolicy !== 'Always') status.ready = status.state?.terminated?.exitCode === 0;

  // A finished init container is done; nothing will make it wait again.
  const current = status.state ?? {};
  const initDone = opts.init && latest !== undefined && current.terminated?.exitCode === 0;
  if (opts.waiting && opts.willRestart && !initDone) {
    if (current.terminated) status.lastState = current;
    status.state = { waiting: opts.waiting.message ? { reason: opts.waiting.reason, message: opts.waiting.message } : { reason: opts.waiting.reason } };
    status.ready = false;
    status.started = false;
  }
  return status;
}
