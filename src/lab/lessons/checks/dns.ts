// What the cluster DNS answers, asked with dig from a pod (or a host).
import { compareAddresses, type ServiceFact } from '../facts';
import { parseDig, withoutDot, type DigResult } from './dig';
import type { DnsCheck } from './spec';
import { notYet, PASS, type Verdict } from './verdict';
import { missingTool, type LiveView } from './view';

export interface DnsFacts {
  where: string;
  name: string;
  answer: DigResult;
  service?: ServiceFact;
  /** Ready endpoint addresses of the service named by the expectation. */
  endpoints: string[];
}

export function judgeDns(spec: DnsCheck, f: DnsFacts): Verdict {
  const { answer, name, where } = f;
  if (!answer.status) return notYet(`${where}에서 DNS 서버가 응답하지 않습니다. kube-system의 coredns Pod가 실행 중인지 보세요.`, `No DNS server answered in ${where}. Are the coredns pods in kube-system running?`);
  const a = answer.answers.filter((r) => r.type === 'A').map((r) => r.data).sort(compareAddresses);
  const expect = spec.expect;
  if (expect.kind === 'nxdomain') {
    if (answer.status === 'NXDOMAIN') return PASS;
    return notYet(`DNS가 ${name}에 ${answer.status}로 대답했습니다(NXDOMAIN이어야 합니다).`, `The DNS answered ${answer.status} for ${name}, not NXDOMAIN.`);
  }
  if (answer.status !== 'NOERROR') return notYet(`DNS가 ${name}에 ${answer.status}로 대답했습니다. 그런 이름이 아직 없습니다.`, `The DNS answered ${answer.status} for ${name}: no such name yet.`);
  if (expect.kind === 'cname') {
    const cnames = answer.answers.filter((r) => r.type === 'CNAME').map((r) => withoutDot(r.data));
    if (cnames.includes(withoutDot(expect.target))) return PASS;
    return notYet(`${name}의 대답에 ${expect.target}(으)로 가는 CNAME이 없습니다(받은 것: ${cnames.join(', ') || '없음'}).`, `The answer for ${name} has no CNAME to ${expect.target} (got: ${cnames.join(', ') || 'none'}).`);
  }
  if (!f.service) return notYet(`Service ${expect.service}이(가) 아직 없습니다.`, `There is no Service ${expect.service} yet.`);
  const want = expect.kind === 'endpoints-of' ? f.endpoints : [f.service.clusterIP ?? ''];
  if (want.length === 0) return notYet(`Service ${expect.service}에 준비된 엔드포인트가 없습니다.`, `Service ${expect.service} has no ready endpoints.`);
  if (a.join(' ') === want.join(' ')) return PASS;
  return notYet(`DNS가 ${name}에 ${a.join(', ') || '주소 없음'}으로 대답했습니다(기대: ${want.join(', ')}).`, `The DNS answered ${a.join(', ') || 'no address'} for ${name}, expected ${want.join(', ')}.`);
}

export async function checkDns(spec: DnsCheck, view: LiveView): Promise<Verdict> {
  const name = await view.resolve(spec.name);
  const e = spec.expect;
  const service = e.kind === 'endpoints-of' || e.kind === 'cluster-ip-of' ? e.service : undefined;
  const [r, svc, endpoints] = await Promise.all([
    view.exec(spec.from, ['dig', '+time=1', '+tries=2', name]),
    service ? view.service('default', service) : undefined,
    e.kind === 'endpoints-of' ? view.endpointsOf('default', e.service) : [],
  ]);
  if (missingTool(r, 'dig')) return notYet(`${r.where}에는 dig가 없습니다.`, `There is no dig in ${r.where}.`);
  return judgeDns(spec, { where: r.where, name, answer: parseDig(r.stdout), service: svc, endpoints });
}
