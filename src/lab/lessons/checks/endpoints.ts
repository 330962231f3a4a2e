// A Service's EndpointSlices list the expected number of ready addresses, and
// they are the serving pods of its selector.
import { servingPods, type PodFact, type ServiceFact } from '../facts';
import type { EndpointsCheck } from './spec';
import { notYet, PASS, type Verdict } from './verdict';
import type { LiveView } from './view';

export function judgeEndpoints(spec: EndpointsCheck, service: ServiceFact | undefined, addresses: string[], pods: PodFact[]): Verdict {
  if (!service) return notYet(`Service ${spec.service}이(가) 아직 없습니다.`, `There is no Service ${spec.service} yet.`);
  if (service.selector) {
    const podIPs = new Set(servingPods(pods, service.selector).map((p) => p.ip));
    const strangers = addresses.filter((a) => !podIPs.has(a));
    if (strangers.length) {
      return notYet(`Service ${spec.service}의 엔드포인트 ${strangers.join(', ')}는 준비된 Pod의 주소가 아닙니다(갱신 중일 수 있습니다).`, `Endpoints ${strangers.join(', ')} of Service ${spec.service} are not addresses of ready pods (they may be updating).`);
    }
  }
  if (addresses.length !== spec.ready) {
    const selector = service.selector ? Object.entries(service.selector).map(([k, v]) => `${k}=${v}`).join(',') : '';
    return notYet(
      `Service ${spec.service}의 준비된 엔드포인트가 ${addresses.length}개입니다(기대: ${spec.ready}개)${selector ? `. 셀렉터 ${selector}에 맞는 Pod가 준비되었는지 보세요` : ''}.`,
      `Service ${spec.service} has ${addresses.length} ready endpoint(s), not ${spec.ready}${selector ? `; are the pods matching ${selector} ready?` : '.'}`,
    );
  }
  return PASS;
}

export async function checkEndpoints(spec: EndpointsCheck, view: LiveView): Promise<Verdict> {
  const [service, addresses, pods] = await Promise.all([view.service(spec.namespace, spec.service), view.endpointsOf(spec.namespace, spec.service), view.podsIn(spec.namespace)]);
  return judgeEndpoints(spec, service, addresses, pods);
}

