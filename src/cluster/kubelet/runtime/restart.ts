// Whether and when a pod's container runs again: restartPolicy as
// pkg/kubelet/container/helpers.go ShouldContainerBeRestarted decides it, and
// the CrashLoopBackOff wait as kuberuntime_manager.go doBackOff computes it.
import type { Container, Pod } from '../../api/types';
import { Backoff, goDuration } from './backoff';
import { containerEvents, formatPod } from './events';
import { containerHash } from './hash';
import type { KubeletEvent } from './images';
import { isRunning, type ObservedContainer } from './observed';

export type RuntimeState = 'running' | 'created' | 'exited' | 'unknown';

/** Docker's state in the CRI's four words. A container Docker failed to start counts as exited. */
export function runtimeState(c: ObservedContainer): RuntimeState {
  const s = c.inspect.State;
  if (isRunning(c) || s.Status === 'restarting') return 'running';
  if (s.Status === 'created') return s.Error ? 'exited' : 'created';
  if (s.Status === 'exited' || s.Status === 'dead' || s.Status === 'removing') return 'exited';
  return 'unknown';
}

export function shouldContainerBeRestarted(pod: Pod, latest: ObservedContainer | undefined): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  if (!latest) return true;
  const state = runtimeState(latest);
  if (state === 'running') return false;
  if (state === 'unknown' || state === 'created') return true;
  const policy = pod.spec.restartPolicy ?? 'Always';
  if (policy === 'Never') return false;
  if (policy === 'OnFailure' && latest.inspect.State.ExitCode === 0) return false;
  return true;
}

/** An init container runs until it succeeds once; a failed one reruns unless restartPolicy is Never. */
export function shouldInitContainerBeRestarted(pod: Pod, latest: ObservedContainer | undefined): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  if (!latest) return true;
  const state = runtimeState(latest);
  if (state === 'running') return false;
  if (state === 'exited' && latest.inspect.State.ExitCode === 0) return false;
  return state !== 'exited' || (pod.spec.restartPolicy ?? 'Always') !== 'Never';
}

/** getStableKey: one back-off per pod, container and container spec. */
export function backoffKey(pod: Pod, container: Container): string {
  return `${pod.metadata.name}_${pod.metadata.namespace}_${pod.metadata.uid}_${container.name}_${containerHash(container)}`;
}

export type RestartDecision =
  | { action: 'keep' }
  | { action: 'start'; restartCount: number }
  | { action: 'wait'; waiting: { reason: 'CrashLoopBackOff'; message: string }; event: KubeletEvent };

/**
 * What to do with one container now. `start` means: create run number
 * `restartCount` and start it (the back-off was advanced). `wait` carries the
 * status the container shows until its back-off has passed.
 */
export function decideRestart(pod: Pod, container: Container, runs: readonly ObservedContainer[], backoff: Backoff, init = false): RestartDecision {
  const latest = runs[0];
  const restart = init ? shouldInitContainerBeRestarted(pod, latest) : shouldContainerBeRestarted(pod, latest);
  if (!restart) return { action: 'keep' };
  if (!latest) return { action: 'start', restartCount: 0 };
  // Any earlier run, started or not, makes this one the next attempt (kuberuntime: RestartCount + 1).
  const restartCount = latest.labels.restartCount + 1;
  if (runtimeState(latest) === 'exited') {
    const key = backoffKey(pod, container);
    const finishedAt = Date.parse(latest.inspect.State.FinishedAt);
    const since = Number.isFinite(finishedAt) && finishedAt > 0 ? finishedAt : Date.parse(latest.inspect.Created);
    if (backoff.isInBackOffSince(key, since)) {
      const message = `back-off ${goDuration(backoff.get(key))} restarting failed container=${container.name} pod=${formatPod(pod)}`;
      return { action: 'wait', waiting: { reason: 'CrashLoopBackOff', message }, event: containerEvents.backOff(container.name, pod) };
    }
    backoff.next(key, since);
  }
  return { action: 'start', restartCount };
}
