// Every serving pod of a selector answers with a page that holds its own name
// (the lesson changes index.html so that answers tell pods apart).
import { parseSelector, servingPods, type PodFact } from '../facts';
import { curlEach, parseCurlOutput, type HttpAnswer } from './curl';
import type { PagesCheck } from './spec';
import { notYet, PASS, type Verdict } from './verdict';
import type { LiveView } from './view';

export function judgePages(spec: PagesCheck, pods: PodFact[], answers: HttpAnswer[]): Verdict {
  if (pods.length === 0) return notYet(`${spec.selector} 레이블의 준비된 Pod가 없습니다.`, `No ready pod matches ${spec.selector}.`);
  const silent = pods.filter((_, i) => !answers[i] || answers[i]!.status === 0).map((p) => p.name);
  if (silent.length) return notYet(`${silent.join(', ')}이(가) ${spec.from}에서 보낸 요청에 응답하지 않습니다.`, `${silent.join(', ')} did not answer a request from ${spec.from}.`);
  const unnamed = pods.filter((p, i) => answers[i]!.body.trim() !== p.name).map((p) => p.name);
  if (unnamed.length) {
    return notYet(`아직 자기 이름을 보여 주지 않는 Pod: ${unnamed.join(', ')}.`, `Pods whose page does not show their own name yet: ${unnamed.join(', ')}.`);
  }
  return PASS;
}

export async function checkPages(spec: PagesCheck, view: LiveView): Promise<Verdict> {
  const pods = servingPods(await view.podsIn(spec.namespace), parseSelector(spec.selector) ?? {});
  if (pods.length === 0) return judgePages(spec, pods, []);
  const r = await view.lab.execHost(spec.from, curlEach(pods.map((p) => `http://${p.ip}:${spec.port}/`)));
  return judgePages(spec, pods, parseCurlOutput(r.stdout));
}
