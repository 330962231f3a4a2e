// HTTP requests from a host or a pod: the target answers, with some text, or
// (over many requests) from enough different pods — how "curl answered from
// three different pods" is checked against the cluster, not the terminal.
import { parseSelector, servingPods, type PodFact } from '../facts';
import { curlRepeated, parseCurlOutput, type HttpAnswer } from './curl';
import type { ProbeCheck } from './spec';
import { notYet, PASS, type Verdict } from './verdict';
import { missingTool, type LiveView } from './view';

export function judgeProbe(spec: ProbeCheck, url: string, where: string, answers: HttpAnswer[], pods: PodFact[]): Verdict {
  const answered = answers.filter((a) => a.status > 0);
  if (answered.length === 0) return notYet(`${where}에서 ${url}로 보낸 요청에 응답이 없습니다.`, `A request from ${where} to ${url} got no answer.`);
  const expect = spec.expect;
  switch (expect.kind) {
    case 'status': {
      const bad = answered.find((a) => a.status !== expect.status);
      if (bad) return notYet(`${url}이(가) HTTP ${bad.status}로 응답했습니다(기대: ${expect.status}).`, `${url} answered HTTP ${bad.status}, not ${expect.status}.`);
      return PASS;
    }
    case 'body-contains':
      if (answered.some((a) => a.body.includes(expect.text))) return PASS;
      return notYet(`${url}의 응답에 "${expect.text}"이(가) 없습니다.`, `The answer from ${url} does not contain "${expect.text}".`);
    case 'distinct-pods': {
      const names = new Set(servingPods(pods, parseSelector(expect.selector) ?? {}).map((p) => p.name));
      const seen = [...new Set(answered.map((a) => a.body.trim()).filter((b) => names.has(b)))].sort();
      if (seen.length >= expect.count) return PASS;
      if (seen.length === 0) {
        return notYet(
          `${url}의 응답이 Pod 이름이 아닙니다. 각 Pod의 페이지가 자기 이름을 보여 주도록 바꾸었나요?`,
          `The answers from ${url} are not pod names. Do the pods' pages show their own names yet?`,
        );
      }
      return notYet(
        `${answered.length}번의 요청에 Pod ${seen.length}개(${seen.join(', ')})만 응답했습니다(기대: ${expect.count}개).`,
        `${answered.length} requests were answered by ${seen.length} pod(s) (${seen.join(', ')}), not ${expect.count}.`,
      );
    }
  }
}

export async function checkProbe(spec: ProbeCheck, view: LiveView): Promise<Verdict> {
  const url = await view.resolve(spec.url);
  // The lesson's pods live in `default`; a distinct-pods selector names pods there.
  const podsNeeded = spec.expect.kind === 'distinct-pods' ? view.podsIn('default') : Promise.resolve([]);
  const [r, pods] = await Promise.all([view.exec(spec.from, curlRepeated(url, spec.times)), podsNeeded]);
  if (missingTool(r, 'curl')) return notYet(`${r.where}에는 curl이 없습니다.`, `There is no curl in ${r.where}.`);
  return judgeProbe(spec, url, r.where, parseCurlOutput(r.stdout), pods);
}
