// kube-proxy's nat rules for a Service in one node, read with iptables-save
// and followed chain by chain as the traffic view does (bridge/traffic).
import { parseIptablesSave, type Rule } from '../../bridge/traffic/iptables';
import { mentionsService, serviceChains } from '../../bridge/traffic/service-chains';
import { compareAddresses, type ServiceFact } from '../facts';
import type { RulesCheck } from './spec';
import { notYet, PASS, type Verdict } from './verdict';
import type { LiveView } from './view';

export interface RulesFacts {
  rules: Rule[];
  service?: ServiceFact;
  /** Ready endpoint addresses. */
  endpoints: string[];
}

const probabilityOf = (r: Rule) => {
  const m = /--probability\s+([0-9.]+)/.exec(r.text);
  return m ? Number(m[1]) : undefined;
};

export function judgeRules(spec: RulesCheck, facts: RulesFacts): Verdict {
  const spn = `${spec.namespace}/${spec.service}`;
  const { host } = spec;
  if (spec.expect.includes('none')) {
    const mine = facts.rules.filter((r) => mentionsService(r.comment, spec.namespace, spec.service));
    if (mine.length) return notYet(`${host}에 ${spn}의 규칙이 ${mine.length}개 있습니다(없어야 합니다).`, `${host} has ${mine.length} rule(s) for ${spn}; there should be none.`);
    if (spec.expect.length === 1) return PASS;
  }
  const svc = facts.service;
  if (!svc) return notYet(`Service ${spec.service}이(가) 아직 없습니다.`, `There is no Service ${spec.service} yet.`);
  const chains = serviceChains(facts.rules, spec.namespace, spec.service);
  if (chains.entries.length === 0) {
    return notYet(`${host}에 아직 ${spn}의 kube-proxy 규칙이 없습니다. ${host}의 kube-proxy가 실행 중인지 보세요.`, `${host} has no kube-proxy rules for ${spn} yet. Is kube-proxy running on ${host}?`);
  }
  for (const want of spec.expect) {
    if (want === 'cluster-ip') {
      // kube-proxy writes `-d IP`; iptables-save prints it back as `-d IP/32`.
      const dest = new RegExp(`(^|\\s)-d ${(svc.clusterIP ?? '').replace(/\./g, '\\.')}(/32)?(\\s|$)`);
      const ok = chains.entries.some((r) => r.chain === 'KUBE-SERVICES' && dest.test(r.text));
      if (!ok) return notYet(`${host}의 KUBE-SERVICES에 ${svc.clusterIP}(${spn})로 가는 규칙이 없습니다.`, `${host}'s KUBE-SERVICES has no rule for ${svc.clusterIP} (${spn}).`);
    }
    if (want === 'node-port') {
      for (const port of svc.ports.filter((p) => p.nodePort)) {
        const ok = chains.entries.some((r) => r.chain === 'KUBE-NODEPORTS' && r.text.includes(`--dport ${port.nodePort}`));
        if (!ok) return notYet(`${host}의 KUBE-NODEPORTS에 ${port.nodePort}번 포트 규칙이 없습니다.`, `${host}'s KUBE-NODEPORTS has no rule for port ${port.nodePort}.`);
      }
    }
    if (want === 'endpoints') {
      const dnat = [...new Set([...chains.seps.values()].map((r) => (r.toDestination ?? '').replace(/:\d+$/, '')))].sort(compareAddresses);
      if (dnat.join(' ') !== facts.endpoints.join(' ')) {
        return notYet(
          `${host}의 규칙은 ${dnat.join(', ') || '아무 Pod도'}로 보내지만, 엔드포인트는 ${facts.endpoints.join(', ') || '없음'}입니다. kube-proxy가 규칙을 갱신할 때까지 잠시 기다리세요.`,
          `${host}'s rules send to ${dnat.join(', ') || 'no pod'}, but the endpoints are ${facts.endpoints.join(', ') || 'none'}. Give kube-proxy a moment to catch up.`,
        );
      }
    }
    if (want === 'probabilities') {
      const svcChain = [...chains.chains.entries()].find(([name]) => name.startsWith('KUBE-SVC-'));
      const jumps = (svcChain?.[1] ?? []).filter((r) => r.jump?.startsWith('KUBE-SEP-'));
      const wrong = jumps.findIndex((r, i) => {
        const p = probabilityOf(r);
        return i === jumps.length - 1 ? p !== undefined : p === undefined || Math.abs(p - 1 / (jumps.length - i)) > 1e-3;
      });
      if (jumps.length === 0) return notYet(`${host}에 ${spn}의 KUBE-SVC 체인이 없습니다.`, `${host} has no KUBE-SVC chain for ${spn}.`);
      if (wrong >= 0) return notYet(`${host}의 ${svcChain![0]} 규칙 ${wrong + 1}번의 확률이 고르게 나누는 값이 아닙니다.`, `Rule ${wrong + 1} of ${svcChain![0]} on ${host} does not split evenly.`);
    }
  }
  return PASS;
}

export async function checkRules(spec: RulesCheck, view: LiveView): Promise<Verdict> {
  const [saved, service, endpoints] = await Promise.all([
    view.lab.execHost(spec.host, ['iptables-save', '-t', 'nat']),
    view.service(spec.namespace, spec.service),
    view.endpointsOf(spec.namespace, spec.service),
  ]);
  if (saved.exitCode !== 0) return notYet(`${spec.host}에서 iptables-save가 실패했습니다: ${saved.stderr.trim()}`, `iptables-save failed in ${spec.host}: ${saved.stderr.trim()}`);
  return judgeRules(spec, { rules: parseIptablesSave(saved.stdout), service, endpoints });
}
