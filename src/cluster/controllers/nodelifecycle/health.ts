// The node lifecycle controller's judgement (node_lifecycle_controller.go),
// as pure functions: when a node counts as silent, what its conditions become
// then, and which taints its conditions call for.
import type { Node, NodeCondition, NodeTaint } from '../../api/types';
import { parseTime, rfc3339 } from '../framework/objects';

export const TAINT = {
  notReady: 'node.kubernetes.io/not-ready',
  unreachable: 'node.kubernetes.io/unreachable',
  unschedulable: 'node.kubernetes.io/unschedulable',
  memoryPressure: 'node.kubernetes.io/memory-pressure',
  diskPressure: 'node.kubernetes.io/disk-pressure',
  pidPressure: 'node.kubernetes.io/pid-pressure',
  networkUnavailable: 'node.kubernetes.io/network-unavailable',
};

const readyOf = (node: Node): NodeCondition | undefined => node.status?.conditions?.find((c) => c.type === 'Ready');

interface Health {
  probe: number;
  heartbeat?: string;
  transition?: string;
}

/** nodeHealthMap: when we last saw each node's kubelet say anything. */
export class NodeHealthTracker {
  private readonly byNode = new Map<string, Health>();

  /** Updates the bookkeeping from what the node says now; returns the time it last spoke. */
  observe(node: Node, now: number): number {
    const name = node.metadata.name!;
    const ready = readyOf(node);
    const saved = this.byNode.get(name);
    // A node we have not seen, or whose heartbeat moved: it spoke just now.
    if (!saved || !ready || saved.heartbeat !== ready.lastHeartbeatTime) {
      const probe = !ready && !saved ? (parseTime(node.metadata.creationTimestamp) ?? now) : now;
      this.byNode.set(name, { probe, heartbeat: ready?.lastHeartbeatTime, transition: ready?.lastTransitionTime });
      return probe;
    }
    return saved.probe;
  }

  forget(name: string): void {
    this.byNode.delete(name);
  }
}

/**
 * The conditions of a node whose kubelet has been silent past the grace
 * period: Ready and the pressure conditions go Unknown. Undefined when
 * nothing changes.
 */
export function silentNodeConditions(node: Node, now: Date): NodeCondition[] | undefined {
  const conditions = (node.status?.conditions ?? []).map((c) => ({ ...c }));
  const t = rfc3339(now);
  let changed = false;
  for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
    const c = conditions.find((x) => x.type === type);
    if (!c) {
      conditions.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: node.metadata.creationTimestamp, lastTransitionTime: t });
      changed = true;
    } else if (c.status !== 'Unknown') {
      Object.assign(c, { status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: t });
      changed = true;
    }
  }
  return changed ? conditions : undefined;
}

const CONDITION_TAINTS: Record<string, Partial<Record<NodeCondition['status'], string>>> = {
  Ready: { False: TAINT.notReady, Unknown: TAINT.unreachable },
  MemoryPressure: { True: TAINT.memoryPressure },
  DiskPressure: { True: TAINT.diskPressure },
  NetworkUnavailable: { True: TAINT.networkUnavailable },
  PIDPressure: { True: TAINT.pidPressure },
};

const NO_SCHEDULE_KEYS = new Set([...Object.values(TAINT)]);
const NO_EXECUTE_KEYS = new Set([TAINT.notReady, TAINT.unreachable]);

/**
 * The node's taints with the controller's own brought up to date:
 * NoSchedule for conditions and cordoning (TaintNodesByCondition), NoExecute
 * for a node not ready or unreachable. Undefined when nothing changes.
 */
export function reconcileTaints(node: Node, now: Date): NodeTaint[] | undefined {
  const current = node.spec.taints ?? [];
  const wantNoSchedule: string[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) wantNoSchedule.push(key);
  }
  if (node.spec.unschedulable) wantNoSchedule.push(TAINT.unschedulable);
  const ready = readyOf(node)?.status;
  const wantNoExecute = ready === 'False' ? TAINT.notReady : ready === 'Unknown' ? TAINT.unreachable : undefined;

  const next: NodeTaint[] = [];
  for (const t of current) {
    if (t.effect === 'NoSchedule' && NO_SCHEDULE_KEYS.has(t.key) && !wantNoSchedule.includes(t.key)) continue;
    if (t.effect === 'NoExecute' && NO_EXECUTE_KEYS.has(t.key) && t.key !== wantNoExecute) continue;
    next.push(t);
  }
  for (const key of wantNoSchedule) if (!next.some((t) => t.key === key && t.effect === 'NoSchedule')) next.push({ key, effect: 'NoSchedule' });
  if (wantNoExecute && !next.some((t) => t.key === wantNoExecute && t.effect === 'NoExecute')) next.push({ key: wantNoExecute, effect: 'NoExecute', timeAdded: rfc3339(now) });
  const same = next.length === current.length && next.every((t, i) => t === current[i]);
  return same ? undefined : next;
}
