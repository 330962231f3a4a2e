// Which container's log `kubectl logs` reads, decided from the pod's status as
// kubelet_pods.go validateContainerLogStatus does, with its messages (kubectl
// shows them as `Error from server (BadRequest): …`).
import type { ContainerStatus, PodStatus } from '../api/types';

export type LogTarget = { containerID: string } | { error: string };

function find(status: PodStatus, name: string): ContainerStatus | undefined {
  return status.containerStatuses?.find((s) => s.name === name) ?? status.initContainerStatuses?.find((s) => s.name === name);
}

/** The Docker ID in a `docker://<id>` containerID. */
export function dockerIdOf(containerID: string): string {
  return containerID.replace(/^[a-z]+:\/\//, '');
}

export function logTarget(podName: string, status: PodStatus, containerName: string, previous: boolean): LogTarget {
  const q = (s: string) => JSON.stringify(s);
  const cs = find(status, containerName);
  if (!cs) return { error: `container ${q(containerName)} in pod ${q(podName)} is not available` };
  const last = cs.lastState?.terminated;
  const { waiting, running, terminated } = cs.state ?? {};
  if (previous) {
    if (!last?.containerID) return { error: `previous terminated container ${q(containerName)} in pod ${q(podName)} not found` };
    return { containerID: last.containerID };
  }
  if (running) return { containerID: cs.containerID ?? '' };
  if (terminated) {
    if (terminated.containerID) return { containerID: terminated.containerID };
    if (last?.containerID) return { containerID: last.containerID };
    return { error: `container ${q(containerName)} in pod ${q(podName)} is terminated` };
  }
  if (last) {
    if (!last.containerID) return { error: `container ${q(containerName)} in pod ${q(podName)} is terminated` };
    return { containerID: last.containerID };
  }
  if (waiting) {
    switch (waiting.reason) {
      case 'ErrImagePull':
        return { error: `container ${q(containerName)} in pod ${q(podName)} is waiting to start: image can't be pulled` };
      case 'ImagePullBackOff':
        return { error: `container ${q(containerName)} in pod ${q(podName)} is waiting to start: trying and failing to pull image` };
      default:
        return { error: `container ${q(containerName)} in pod ${q(podName)} is waiting to start: ${waiting.reason ?? ''}` };
    }
  }
  return { error: `container ${q(containerName)} in pod ${q(podName)} is waiting to start - no logs yet` };
}
