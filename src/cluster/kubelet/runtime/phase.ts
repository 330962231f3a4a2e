// The pod phase from its container statuses: kubelet_pods.go getPhase, with
// sidecars (init containers with restartPolicy Always) counted as upstream does.
import type { Container, ContainerStatus, Pod, PodStatus } from '../../api/types';

type Phase = NonNullable<PodStatus['phase']>;

export function isSidecar(c: Container): boolean {
  return c.restartPolicy === 'Always';
}

function find(statuses: readonly ContainerStatus[], name: string): ContainerStatus | undefined {
  return statuses.find((s) => s.name === name);
}

export function hasAnyRegularContainerStarted(pod: Pod, statuses: readonly ContainerStatus[]): boolean {
  return pod.spec.containers.some((c) => {
    const s = find(statuses, c.name);
    return s !== undefined && (s.state?.running !== undefined || s.state?.terminated !== undefined);
  });
}

/** `statuses`: regular and init container statuses together. */
export function podPhase(pod: Pod, statuses: readonly ContainerStatus[], podIsTerminal = false): Phase {
  const spec = pod.spec;
  let pendingInitialization = 0;
  let failedInitialization = 0;
  for (const c of spec.initContainers ?? []) {
    if (isSidecar(c)) continue;
    const s = find(statuses, c.name);
    if (!s) {
      pendingInitialization++;
      continue;
    }
    if (s.state?.running) pendingInitialization++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInitialization++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) {
        if (s.lastState.terminated.exitCode !== 0) failedInitialization++;
      } else pendingInitialization++;
    } else pendingInitialization++;
  }

  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of spec.initContainers ?? []) {
    if (!isSidecar(c)) continue;
    const s = find(statuses, c.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state?.running) {
      if (!s.started) pendingInitialization++;
      running++;
    } else if (s.state?.terminated) {
      // Terminated sidecars do not count towards the phase.
    } else if (s.state?.waiting) {
      if (!s.lastState?.terminated) {
        pendingInitialization++;
        waiting++;
      }
    } else {
      pendingInitialization++;
      unknown++;
    }
  }
  for (const c of spec.containers) {
    const s = find(statuses, c.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }

  const policy = spec.restartPolicy ?? 'Always';
  if (failedInitialization > 0 && policy === 'Never') return 'Failed';
  if ((pendingInitialization > 0 && !hasAnyRegularContainerStarted(pod, statuses)) || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}
