// Which pods a ReplicaSet deletes first when it scales down
// (controller.ActivePodsWithRanks and getPodsToDelete): unscheduled, pending,
// not ready, cheaper, doubled up on a node, most recently ready, restarted
// more, newest — in that order.
import type { Pod } from '../../api/types';
import { isPodActive, isPodReady, podCondition } from '../framework/pods';

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

function deletionCost(pod: Pod): number {
  const v = pod.metadata.annotations?.[DELETION_COST];
  const n = v === undefined ? 0 : Number.parseInt(v, 10);
  return Number.isNaN(n) ? 0 : n;
}

function readyTime(pod: Pod): number | undefined {
  const c = podCondition(pod, 'Ready');
  const t = c?.status === 'True' ? Date.parse(c.lastTransitionTime ?? '') : NaN;
  return Number.isNaN(t) ? undefined : t;
}

function maxRestarts(pod: Pod): { regular: number; sidecar: number } {
  const regular = Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
  const sidecar = Math.max(0, ...(pod.status?.initContainerStatuses ?? []).map((c) => c.restartCount ?? 0));
  return { regular, sidecar };
}

/** afterOrZero: a missing time sorts first; otherwise the later one does. */
function afterOrZero(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return a === undefined;
  return a > b;
}

/** logarithmicRankDiff in nanoseconds, as upstream buckets ages by powers of two. */
function logRankDiff(a: number, b: number, now: number): number {
  const rank = (t: number) => {
    const d = (now - t) * 1e6;
    return d > 0 ? Math.floor(Math.log2(d)) : -1;
  };
  return rank(a) - rank(b);
}

interface Ranked {
  pod: Pod;
  rank: number;
}

/** ActivePodsWithRanks.Less. */
function less(a: Ranked, b: Ranked, now: number): boolean {
  const pi = a.pod;
  const pj = b.pod;
  const ni = pi.spec.nodeName ?? '';
  const nj = pj.spec.nodeName ?? '';
  if (ni !== nj && (ni === '' || nj === '')) return ni === '';
  const oi = PHASE_ORDER[pi.status?.phase ?? ''] ?? 0;
  const oj = PHASE_ORDER[pj.status?.phase ?? ''] ?? 0;
  if (oi !== oj) return oi < oj;
  if (isPodReady(pi) !== isPodReady(pj)) return !isPodReady(pi);
  if (deletionCost(pi) !== deletionCost(pj)) return deletionCost(pi) < deletionCost(pj);
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (isPodReady(pi) && isPodReady(pj)) {
    const ti = readyTime(pi);
    const tj = readyTime(pj);
    if (ti !== tj) {
      if (ti === undefined || tj === undefined) return afterOrZero(ti, tj);
      const diff = logRankDiff(ti, tj, now);
      if (diff === 0) return (pi.metadata.uid ?? '') < (pj.metadata.uid ?? '');
      return diff < 0;
    }
  }
  const ri = maxRestarts(pi);
  const rj = maxRestarts(pj);
  if (ri.regular !== rj.regular) return ri.regular > rj.regular;
  if (ri.sidecar !== rj.sidecar) return ri.sidecar > rj.sidecar;
  const ci = Date.parse(pi.metadata.creationTimestamp ?? '');
  const cj = Date.parse(pj.metadata.creationTimestamp ?? '');
  const vi = Number.isNaN(ci) ? undefined : ci;
  const vj = Number.isNaN(cj) ? undefined : cj;
  if (vi !== vj) {
    if (vi === undefined || vj === undefined) return afterOrZero(vi, vj);
    const diff = logRankDiff(vi, vj, now);
    if (diff === 0) return (pi.metadata.uid ?? '') < (pj.metadata.uid ?? '');
    return diff < 0;
  }
  return false;
}

/** getPodsToDelete: the `diff` pods to delete, ranked against the related pods (all ReplicaSets of the same owner). */
export function podsToDelete(filtered: Pod[], related: Pod[], diff: number, now: number): Pod[] {
  if (diff >= filtered.length) return filtered.slice(0, diff);
  const onNode = new Map<string, number>();
  for (const p of related) if (isPodActive(p)) onNode.set(p.spec.nodeName ?? '', (onNode.get(p.spec.nodeName ?? '') ?? 0) + 1);
  const ranked: Ranked[] = filtered.map((pod) => ({ pod, rank: onNode.get(pod.spec.nodeName ?? '') ?? 0 }));
  // A stable sort on a strict ordering: equal pods keep their order, as sort.Sort may not but need not.
  ranked.sort((a, b) => (less(a, b, now) ? -1 : less(b, a, now) ? 1 : 0));
  return ranked.slice(0, diff).map((r) => r.pod);
}

/** slowStartBatch sizes: 1, 2, 4, ... until `count` pods are made. */
export function slowStartBatches(count: number, initial = 1): number[] {
  const batches: number[] = [];
  let remaining = count;
  for (let size = Math.min(remaining, initial); size > 0; size = Math.min(2 * size, remaining)) {
    batches.push(size);
    remaining -= size;
  }
  return batches;
}
