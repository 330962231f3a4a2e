// The pod conditions the kubelet owns, in the order it writes them
// (PodReadyToStartContainers, Initialized, Ready, ContainersReady,
// PodScheduled), as pkg/kubelet/status/generate.go computes them; a condition
// keeps its lastTransitionTime while its status stays the same.
import type { ContainerStatus, Pod, PodCondition, PodStatus } from '../../api/types';
import { hasAnyRegularContainerStarted, isSidecar } from './phase';

type Phase = NonNullable<PodStatus['phase']>;
type Condition = Omit<PodCondition, 'lastTransitionTime' | 'lastProbeTime'>;

export const KUBELET_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];

// Go prints a []string with %s as `[a b]`.
const list = (names: string[]) => `[${names.join(' ')}]`;

function find(statuses: readonly ContainerStatus[], name: string): ContainerStatus | undefined {
  return statuses.find((s) => s.name === name);
}

export function containersReadyCondition(pod: Pod, statuses: readonly ContainerStatus[], phase: Phase): Condition {
  const unknown: string[] = [];
  const unready: string[] = [];
  const consider = [...(pod.spec.initContainers ?? []).filter(isSidecar), ...pod.spec.containers];
  for (const c of consider) {
    const s = find(statuses, c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' };
  if (phase === 'Failed') return { type: 'ContainersReady', status: 'False', reason: 'PodFailed' };
  const messages: string[] = [];
  if (unknown.length > 0) messages.push(`containers with unknown status: ${list(unknown)}`);
  if (unready.length > 0) messages.push(`containers with unready status: ${list(unready)}`);
  if (messages.length > 0) return { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: messages.join(', ') };
  return { type: 'ContainersReady', status: 'True' };
}

export function readyCondition(pod: Pod, others: readonly PodCondition[], statuses: readonly ContainerStatus[], phase: Phase): Condition {
  const containers = containersReadyCondition(pod, statuses, phase);
  if (containers.status !== 'True') {
    const c: Condition = { type: 'Ready', status: containers.status };
    if (containers.reason) c.reason = containers.reason;
    if (containers.message) c.message = containers.message;
    return c;
  }
  const messages: string[] = [];
  for (const gate of pod.spec.readinessGates ?? []) {
    const c = others.find((o) => o.type === gate.conditionType);
    if (!c) messages.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== 'True') messages.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
  }
  if (messages.length > 0) return { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: messages.join(', ') };
  return { type: 'Ready', status: 'True' };
}

export function initializedCondition(pod: Pod, statuses: readonly ContainerStatus[], phase: Phase): Condition {
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of pod.spec.initContainers ?? []) {
    const s = find(statuses, c.name);
    if (!s) {
      unknown.push(c.name);
      continue;
    }
    const initialized = isSidecar(c) ? s.started === true : s.ready;
    if (!initialized) incomplete.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
  if (hasAnyRegularContainerStarted(pod, statuses)) return { type: 'Initialized', status: 'True' };
  const messages: string[] = [];
  if (unknown.length > 0) messages.push(`containers with unknown status: ${list(unknown)}`);
  if (incomplete.length > 0) messages.push(`containers with incomplete status: ${list(incomplete)}`);
  if (messages.length > 0) return { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: messages.join(', ') };
  return { type: 'Initialized', status: 'True' };
}

/**
 * All conditions for the new status: the ones the kubelet does not own kept
 * from the old status first, then the kubelet's. `sandboxReady`: the pod's
 * sandbox runs with its address (no new sandbox is needed).
 */
export function podConditions(pod: Pod, statuses: readonly ContainerStatus[], phase: Phase, sandboxReady: boolean, old: readonly PodCondition[], now: string): PodCondition[] {
  const kept = old.filter((c) => !KUBELET_CONDITIONS.includes(c.type));
  const generated: Condition[] = [{ type: 'PodReadyToStartContainers', status: sandboxReady ? 'True' : 'False' }];
  generated.push(initializedCondition(pod, statuses, phase));
  generated.push(readyCondition(pod, kept, statuses, phase));
  generated.push(containersReadyCondition(pod, statuses, phase));
  generated.push({ type: 'PodScheduled', status: 'True' });
  const stamped = generated.map((c): PodCondition => {
    const before = old.find((o) => o.type === c.type);
    const since = before && before.status === c.status && before.lastTransitionTime ? before.lastTransitionTime : now;
    // Field order as the API server returns a condition.
    const out: PodCondition = { type: c.type, status: c.status, lastProbeTime: null, lastTransitionTime: since };
    if (c.reason) out.reason = c.reason;
    if (c.message) out.message = c.message;
    return out;
  });
  return [...kept, ...stamped];
}
