import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Service } from '../../../cluster/api/types';
import { buildProxyRules } from '../../../cluster/proxy/rules';
import { parseIptablesSave } from '../../bridge/traffic/iptables';
import { serviceFact } from '../facts';
import { judgeRules } from './rules';
import type { RulesCheck } from './spec';

// The rules come from kube-proxy's own generator, so the check reads what the nodes really hold.
const nodeport: Service = { kind: 'Service', metadata: { name: 'nodeport-service', namespace: 'default' }, spec: { type: 'NodePort', clusterIP: '10.96.33.4', selector: { app: 'webui' }, ports: [{ port: 80, targetPort: 80, nodePort: 30200, protocol: 'TCP' }] } };
const headless: Service = { kind: 'Service', metadata: { name: 'headless-service', namespace: 'default' }, spec: { clusterIP: 'None', selector: { app: 'webui' }, ports: [{ port: 80, protocol: 'TCP' }] } };
const pods = ['10.244.1.5', '10.244.1.6', '10.244.2.7'];
const slice = (svc: string, ips: string[]): EndpointSlice => ({
  kind: 'EndpointSlice',
  metadata: { name: `${svc}-x`, namespace: 'default', labels: { 'kubernetes.io/service-name': svc } },
  addressType: 'IPv4',
  endpoints: ips.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
  ports: [{ name: '', port: 80, protocol: 'TCP' }],
});
const rulesFor = (services: Service[], slices: EndpointSlice[]) =>
  parseIptablesSave(buildProxyRules({ services, endpointSlices: slices, nodeName: 'node1', nodeIPs: ['10.100.0.101'], clusterCIDR: '10.244.0.0/16' }).payload);
const spec = (service: string, expect: RulesCheck['expect']): RulesCheck => ({ type: 'rules', host: 'node1', namespace: 'default', service, expect });

describe('judgeRules', () => {
  const rules = rulesFor([nodeport, headless], [slice('nodeport-service', pods), slice('headless-service', pods)]);

  it('finds the cluster IP rule, the node port rule, one DNAT per endpoint and even odds', () => {
    const v = judgeRules(spec('nodeport-service', ['cluster-ip', 'node-port', 'endpoints', 'probabilities']), { rules, service: serviceFact(nodeport), endpoints: pods });
    expect(v).toEqual({ passed: true });
  });

  it('says the node has no rules for the Service (kube-proxy not running or not synced)', () => {
    const v = judgeRules(spec('nodeport-service', ['cluster-ip']), { rules: rulesFor([], []), service: serviceFact(nodeport), endpoints: pods });
    expect(v.reason?.en).toBe('node1 has no kube-proxy rules for default/nodeport-service yet. Is kube-proxy running on node1?');
  });

  it('says when the rules still send to old endpoints', () => {
    const stale = rulesFor([nodeport], [slice('nodeport-service', pods.slice(0, 2))]);
    const v = judgeRules(spec('nodeport-service', ['endpoints']), { rules: stale, service: serviceFact(nodeport), endpoints: pods });
    expect(v.reason?.en).toBe("node1's rules send to 10.244.1.5, 10.244.1.6, but the endpoints are 10.244.1.5, 10.244.1.6, 10.244.2.7. Give kube-proxy a moment to catch up.");
  });

  it('notices a node port rule for another port', () => {
    const moved = { ...nodeport, spec: { ...nodeport.spec, ports: [{ ...nodeport.spec.ports![0]!, nodePort: 30201 }] } };
    const v = judgeRules(spec('nodeport-service', ['node-port']), { rules: rulesFor([moved], [slice('nodeport-service', pods)]), service: serviceFact(nodeport), endpoints: pods });
    expect(v.reason?.en).toBe("node1's KUBE-NODEPORTS has no rule for port 30200.");
  });

  it('notices uneven odds', () => {
    const skewed = rules.map((r) => (r.text.includes('--probability 0.5000000000') ? { ...r, text: r.text.replace('0.5000000000', '0.9000000000') } : r));
    const v = judgeRules(spec('nodeport-service', ['probabilities']), { rules: skewed, service: serviceFact(nodeport), endpoints: pods });
    expect(v.passed).toBe(false);
    expect(v.reason?.en).toMatch(/^Rule 2 of KUBE-SVC-\w+ on node1 does not split evenly\.$/);
  });

  it('finds no rule at all for a headless Service, and notices one that has some', () => {
    expect(judgeRules(spec('headless-service', ['none']), { rules, service: serviceFact(headless), endpoints: pods }).passed).toBe(true);
    const v = judgeRules(spec('nodeport-service', ['none']), { rules, service: serviceFact(nodeport), endpoints: pods });
    expect(v.reason?.en).toMatch(/^node1 has \d+ rule\(s\) for default\/nodeport-service; there should be none\.$/);
  });
});

describe('judgeRules on iptables-save output', () => {
  // As `iptables-save -t nat` prints kube-proxy's rules in a node (addresses get their /32).
  const saved = `*nat
-A KUBE-NODEPORTS -p tcp -m comment --comment "default/sshsvc" -m tcp --dport 30222 -j KUBE-EXT-KWZGQM6M5GBBKJWX
-A KUBE-EXT-KWZGQM6M5GBBKJWX -j KUBE-SVC-KWZGQM6M5GBBKJWX
-A KUBE-SEP-6OVZEDSZZUMHH4ZB -p tcp -m comment --comment "default/sshsvc" -m tcp -j DNAT --to-destination 10.100.0.200:22
-A KUBE-SERVICES -d 10.109.110.95/32 -p tcp -m comment --comment "default/sshsvc cluster IP" -m tcp --dport 2222 -j KUBE-SVC-KWZGQM6M5GBBKJWX
-A KUBE-SVC-KWZGQM6M5GBBKJWX -m comment --comment "default/sshsvc -> 10.100.0.200:22" -j KUBE-SEP-6OVZEDSZZUMHH4ZB
COMMIT
`;
  const sshsvc: Service = { kind: 'Service', metadata: { name: 'sshsvc', namespace: 'default' }, spec: { type: 'NodePort', clusterIP: '10.109.110.95', ports: [{ port: 2222, nodePort: 30222, protocol: 'TCP' }] } };

  it('reads addresses written with /32', () => {
    const v = judgeRules(spec('sshsvc', ['cluster-ip', 'node-port', 'endpoints']), { rules: parseIptablesSave(saved), service: serviceFact(sshsvc), endpoints: ['10.100.0.200'] });
    expect(v).toEqual({ passed: true });
  });

  it('does not take a longer address for the cluster IP', () => {
    const other = { ...sshsvc, spec: { ...sshsvc.spec, clusterIP: '10.109.110.9' } };
    expect(judgeRules(spec('sshsvc', ['cluster-ip']), { rules: parseIptablesSave(saved), service: serviceFact(other), endpoints: [] }).passed).toBe(false);
  });
});
