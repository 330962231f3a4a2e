// Taints and tolerations (core/v1/helper): shared by the scheduler's
// TaintToleration filter and the node lifecycle controller's evictions.
import type { NodeTaint, Toleration } from '../api/types';

/** Toleration.ToleratesTaint: an empty key with Exists tolerates everything. */
export function toleratesTaint(t: Toleration, taint: NodeTaint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** FindMatchingUntoleratedTaint: the first taint (of the filtered effects) no toleration covers. */
export function firstUntoleratedTaint(taints: NodeTaint[] | undefined, tolerations: Toleration[] | undefined, filter: (t: NodeTaint) => boolean): NodeTaint | undefined {
  return (taints ?? []).filter(filter).find((taint) => !(tolerations ?? []).some((t) => toleratesTaint(t, taint)));
}

/** GetMatchingTolerations: whether every taint is tolerated, and by which tolerations. */
export function matchingTolerations(taints: NodeTaint[], tolerations: Toleration[] | undefined): { all: boolean; used: Toleration[] } {
  if (taints.length === 0) return { all: true, used: [] };
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = (tolerations ?? []).find((x) => toleratesTaint(x, taint));
    if (!t) return { all: false, used: [] };
    used.push(t);
  }
  return { all: true, used };
}

/** getMinTolerationTime in ms: 0 with no tolerations, -1 when they tolerate forever. */
export function minTolerationMs(tolerations: Toleration[]): number {
  if (tolerations.length === 0) return 0;
  let min = Infinity;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}

/** How taints print in scheduler messages: {key: value}. */
export const taintText = (t: NodeTaint): string => `{${t.key}: ${t.value ?? ''}}`;
