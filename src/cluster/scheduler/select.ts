// Where a pod goes: the feasible nodes, then the one with the fewest pods of
// the same owner (replicas spread out), then the fewest pods at all; ties are
// broken at random, as upstream's selectHost does.
import type { Node, Pod } from '../api/types';
import { filterNode, ownerUID, type FilterResult } from './filter';
import { fitErrorMessage, NO_NODES } from './fit-error';

export type Decision = { node: string } | { error: string };

export function schedulePod(pod: Pod, nodes: Node[], podsByNode: Map<string, Pod[]>, random: () => number = Math.random): Decision {
  if (nodes.length === 0) return { error: NO_NODES };
  const failures: FilterResult[] = [];
  const feasible: Node[] = [];
  for (const node of nodes) {
    const r = filterNode(pod, node, podsByNode.get(node.metadata.name!) ?? []);
    if (r) failures.push(r);
    else feasible.push(node);
  }
  if (feasible.length === 0) return { error: fitErrorMessage(failures) };
  const owner = ownerUID(pod);
  const score = (n: Node): [number, number] => {
    const pods = podsByNode.get(n.metadata.name!) ?? [];
    return [owner ? pods.filter((p) => ownerUID(p) === owner).length : 0, pods.length];
  };
  let best: Node[] = [];
  let bestScore: [number, number] = [Infinity, Infinity];
  for (const n of feasible) {
    const s = score(n);
    const cmp = s[0] - bestScore[0] || s[1] - bestScore[1];
    if (cmp < 0) {
      best = [n];
      bestScore = s;
    } else if (cmp === 0) best.push(n);
  }
  return { node: best[Math.floor(random() * best.length)]!.metadata.name! };
}
