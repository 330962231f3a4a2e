// FitError.Error() (pkg/scheduler/framework/types.go) and the preemption
// PostFilter's message: reasons counted over nodes and sorted as strings.
import type { FilterResult } from './filter';

export const NO_NODES = 'no nodes available to schedule pods';

function histogram(reasons: string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  // Go sorts the "N reason" strings themselves.
  return [...counts.entries()].map(([r, n]) => `${n} ${r}`).sort().join(', ');
}

export function fitErrorMessage(results: FilterResult[]): string {
  const n = results.length;
  let msg = `0/${n} nodes are available:`;
  const filter = histogram(results.flatMap((r) => r.reasons));
  if (filter) msg += ` ${filter}.`;
  // DefaultPreemption: nothing of lower priority to evict anywhere (the lab does not preempt).
  const preemption = histogram(results.map((r) => (r.unresolvable ? 'Preemption is not helpful for scheduling' : 'No preemption victims found for incoming pod')));
  msg += ` preemption: 0/${n} nodes are available: ${preemption}.`;
  return msg;
}
