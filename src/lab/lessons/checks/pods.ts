// Enough pods of a selector are Running and Ready, spread over enough nodes.
import { matches, parseSelector, servingPods, type PodFact } from '../facts';
import type { PodsCheck } from './spec';
import { notYet, PASS, type Verdict } from './verdict';
import type { LiveView } from './view';

export function judgePods(spec: PodsCheck, pods: PodFact[]): Verdict {
  const selector = parseSelector(spec.selector) ?? {};
  const mine = pods.filter((p) => matches(p.labels, selector) && !p.terminating);
  const ready = servingPods(pods, selector);
  if (mine.length === 0) return notYet(`${spec.selector} 레이블의 Pod가 아직 없습니다.`, `There are no pods with ${spec.selector} yet.`);
  if (ready.length < spec.ready) {
    const waiting = mine.filter((p) => !ready.includes(p)).map((p) => `${p.name} (${p.phase ?? 'Pending'})`);
    return notYet(
      `${spec.selector} Pod ${spec.ready}개 중 ${ready.length}개만 준비되었습니다${waiting.length ? `. 기다리는 중: ${waiting.join(', ')}` : ''}.`,
      `Only ${ready.length} of ${spec.ready} pods with ${spec.selector} are ready${waiting.length ? `; waiting: ${waiting.join(', ')}` : ''}.`,
    );
  }
  const nodes = new Set(ready.map((p) => p.node).filter(Boolean));
  if (nodes.size < spec.nodes) {
    return notYet(
      `준비된 ${spec.selector} Pod가 ${[...nodes].join(', ') || '노드 미정'}에만 있습니다(노드 ${spec.nodes}개에 나뉘어야 합니다).`,
      `The ready ${spec.selector} pods run only on ${[...nodes].join(', ') || 'no node yet'}; they should be spread over ${spec.nodes} nodes.`,
    );
  }
  return PASS;
}

export async function checkPods(spec: PodsCheck, view: LiveView): Promise<Verdict> {
  return judgePods(spec, await view.podsIn(spec.namespace));
}
