// printPod (pkg/printers/internalversion/printers.go): READY counts, the STATUS
// reason kubectl users read (ContainerCreating, CrashLoopBackOff, Completed,
// Init:0/1, Terminating, ...) and RESTARTS with "(5m ago)".

import type { Container, ContainerStatus, Pod, PodStatus } from '../types';
import { ageColumn, column, nameColumn, type Printer, type TableRowCondition } from './columns';
import { podDoc } from './descriptions';
import { parseTime, translateSince, translateTimestampSince } from './time';

const podSuccessConditions: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const podFailedConditions: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
];

// node.NodeUnreachablePodReason
const nodeUnreachablePodReason = 'NodeLost';

const isRestartableInitContainer = (c: Container | undefined): boolean => c?.restartPolicy === 'Always';

const isPodInitializedConditionTrue = (status: PodStatus): boolean =>
  (status.conditions ?? []).some((c) => c.type === 'Initialized' && c.status === 'True');

const hasPodReadyCondition = (status: PodStatus): boolean =>
  (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

// metav1.Time comparisons; a missing time is Go's zero time, earlier than any other.
const zeroTime = Number.NEGATIVE_INFINITY;
function lastTerminated(c: ContainerStatus): number | undefined {
  const terminated = c.lastState?.terminated;
  if (!terminated) return undefined;
  return parseTime(terminated.finishedAt) ?? zeroTime;
}

function terminatedReason(prefix: string, t: { reason?: string; signal?: number; exitCode: number }): string {
  if (t.reason) return `${prefix}${t.reason}`;
  if (t.signal) return `${prefix}Signal:${t.signal}`;
  return `${prefix}ExitCode:${t.exitCode ?? 0}`;
}

export const podPrinter: Printer<Pod> = {
  columns: [
    nameColumn(),
    column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'string', 'The aggregate status of the containers in this pod.'),
    column(
      'Restarts',
      'string',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    ageColumn(),
    column('IP', 'string', podDoc.podIP, 1),
    column('Node', 'string', podDoc.nodeName, 1),
    column('Nominated Node', 'string', podDoc.nominatedNodeName, 1),
    column('Readiness Gates', 'string', podDoc.readinessGates, 1),
  ],

  print(pod, { wide, now }) {
    const spec = pod.spec ?? { containers: [] };
    const status = pod.status ?? {};
    let restarts = 0;
    let restartableInitContainerRestarts = 0;
    let totalContainers = (spec.containers ?? []).length;
    let readyContainers = 0;
    let lastRestartDate = zeroTime;
    let lastRestartableInitContainerRestartDate = zeroTime;

    const podPhase = status.phase ?? '';
    let reason: string = status.reason || podPhase;

    for (const condition of status.conditions ?? []) {
      if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated') reason = 'SchedulingGated';
    }

    let conditions: TableRowCondition[] | undefined;
    if (podPhase === 'Succeeded') conditions = podSuccessConditions;
    else if (podPhase === 'Failed') conditions = podFailedConditions;

    const initContainers = new Map<string, Container>();
    for (const c of spec.initContainers ?? []) {
      initContainers.set(c.name, c);
      if (isRestartableInitContainer(c)) totalContainers++;
    }

    let initializing = false;
    const initStatuses = status.initContainerStatuses ?? [];
    for (let i = 0; i < initStatuses.length; i++) {
      const container = initStatuses[i];
      const state = container.state ?? {};
      const restartable = isRestartableInitContainer(initContainers.get(container.name));
      restarts += container.restartCount ?? 0;
      const finished = lastTerminated(container);
      if (finished !== undefined && lastRestartDate < finished) lastRestartDate = finished;
      if (restartable) {
        restartableInitContainerRestarts += container.restartCount ?? 0;
        if (finished !== undefined && lastRestartableInitContainerRestartDate < finished) {
          lastRestartableInitContainerRestartDate = finished;
        }
      }
      if (state.terminated && (state.terminated.exitCode ?? 0) === 0) continue;
      if (restartable && container.started === true) {
        if (container.ready) readyContainers++;
        continue;
      }
      if (state.terminated) {
        reason = terminatedReason('Init:', state.terminated);
      } else if (state.waiting?.reason && state.waiting.reason !== 'PodInitializing') {
        reason = `Init:${state.waiting.reason}`;
      } else {
        reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
      }
      initializing = true;
      break;
    }

    if (!initializing || isPodInitializedConditionTrue(status)) {
      restarts = restartableInitContainerRestarts;
      lastRestartDate = lastRestartableInitContainerRestartDate;
      let hasRunning = false;
      const statuses = status.containerStatuses ?? [];
      // Backwards, so the first container's state is the one that shows.
      for (let i = statuses.length - 1; i >= 0; i--) {
        const container = statuses[i];
        const state = container.state ?? {};
        restarts += container.restartCount ?? 0;
        const finished = lastTerminated(container);
        if (finished !== undefined && lastRestartDate < finished) lastRestartDate = finished;
        if (state.waiting && state.waiting.reason) {
          reason = state.waiting.reason;
        } else if (state.terminated) {
          reason = terminatedReason('', state.terminated);
        } else if (container.ready && state.running) {
          hasRunning = true;
          readyContainers++;
        }
      }
      // A finished sidecar-less container next to a running one is not "Completed".
      if (reason === 'Completed' && hasRunning) reason = hasPodReadyCondition(status) ? 'Running' : 'NotReady';
    }

    const deleting = Boolean(pod.metadata?.deletionTimestamp);
    if (deleting && status.reason === nodeUnreachablePodReason) {
      reason = 'Unknown';
    } else if (deleting && podPhase !== 'Succeeded' && podPhase !== 'Failed') {
      reason = 'Terminating';
    }

    let restartsText = String(restarts);
    if (restarts !== 0 && lastRestartDate !== zeroTime) {
      restartsText = `${restarts} (${translateSince(lastRestartDate, now)} ago)`;
    }

    const cells: unknown[] = [
      pod.metadata?.name ?? '',
      `${readyContainers}/${totalContainers}`,
      reason,
      restartsText,
      translateTimestampSince(pod.metadata?.creationTimestamp, now),
    ];
    if (wide) {
      // The v1 -> internal conversion fills podIPs from podIP.
      const podIP = status.podIPs?.[0]?.ip || status.podIP || '<none>';
      let readinessGates = '<none>';
      const gates = spec.readinessGates ?? [];
      if (gates.length > 0) {
        let trueConditions = 0;
        for (const gate of gates) {
          const condition = (status.conditions ?? []).find((c) => c.type === gate.conditionType);
          if (condition?.status === 'True') trueConditions++;
        }
        readinessGates = `${trueConditions}/${gates.length}`;
      }
      cells.push(podIP, spec.nodeName || '<none>', status.nominatedNodeName || '<none>', readinessGates);
    }
    return conditions ? { cells, conditions } : { cells };
  },
};
