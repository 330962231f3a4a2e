import { describe, expect, it } from 'vitest';
import type { PodFact, ServiceFact } from './facts';
import { namespacesOf, parsePlaceholders, resolveTemplate } from './placeholders';
import { LessonError } from './say';

const pod = (name: string, ip: string, over: Partial<PodFact> = {}): PodFact => ({ namespace: 'default', name, labels: { app: 'webui' }, ip, node: 'node1', phase: 'Running', ready: true, terminating: false, ...over });
const svc = (name: string, over: Partial<ServiceFact> = {}): ServiceFact => ({ namespace: 'default', name, type: 'ClusterIP', clusterIP: '10.96.1.1', ports: [{ protocol: 'TCP', port: 80 }], loadBalancerIPs: [], ...over });
const facts = {
  pods: [pod('webui-c', '10.244.2.3'), pod('webui-a', '10.244.1.2'), pod('webui-b', '10.244.1.9', { ready: false }), pod('webui-d', '10.244.2.4', { terminating: true }), pod('other', '10.244.1.1', { labels: { app: 'x' } })],
  services: [
    svc('nodeport-service', { type: 'NodePort', ports: [{ protocol: 'TCP', port: 80, nodePort: 30200 }] }),
    svc('loadbalancer-service', { type: 'LoadBalancer', ports: [{ protocol: 'TCP', port: 80, nodePort: 31234 }], loadBalancerIPs: ['10.100.0.240'] }),
    svc('kubernetes', { clusterIP: '10.96.0.1', ports: [{ name: 'https', protocol: 'TCP', port: 443 }] }),
    svc('pending-lb', { type: 'LoadBalancer' }),
  ],
};

describe('placeholders', () => {
  it('names ready, live pods in name order (as kubectl lists them)', () => {
    expect(resolveTemplate('kubectl exec {pod:app=webui:0} -- ls', facts)).toBe('kubectl exec webui-a -- ls');
    expect(resolveTemplate('{pod:app=webui:1} {podip:app=webui:1} {pod:app=webui}', facts)).toBe('webui-c 10.244.2.3 webui-a');
  });

  it('fills in Service addresses and ports, and kube-proxy chain names', () => {
    expect(resolveTemplate('curl {lb:loadbalancer-service} 10.100.0.101:{nodeport:loadbalancer-service} {clusterip:nodeport-service}', facts)).toBe('curl 10.100.0.240 10.100.0.101:31234 10.96.1.1');
    // REFERENCE.md's worked example of kube-proxy's chain hash.
    expect(resolveTemplate('iptables -t nat -L {svcchain:kubernetes}', facts)).toBe('iptables -t nat -L KUBE-SVC-NPX46M4PTMTKRN6Y');
  });

  it('leaves shell braces alone', () => {
    const loop = "for p in $(kubectl get pod -o name); do echo ${p#pod/}; done; awk '{print $1}'";
    expect(parsePlaceholders(loop)).toEqual({ placeholders: [], problems: [] });
    expect(resolveTemplate(loop, facts)).toBe(loop);
  });

  it('says what is missing, in both languages', () => {
    const err = (t: string) => {
      try {
        resolveTemplate(t, facts);
      } catch (e) {
        return (e as LessonError).text;
      }
      throw new Error('resolved');
    };
    expect(err('{pod:app=webui:2}').en).toBe('Only 2 ready pod(s) match app=webui; this needs pod number 3.');
    expect(err('{lb:pending-lb}')).toEqual({ ko: 'Service pending-lb의 EXTERNAL-IP가 아직 <pending>입니다.', en: 'Service pending-lb has no external IP yet (<pending>).' });
    expect(err('{nodeport:kubernetes}').en).toBe('Service kubernetes has no node port.');
    expect(err('{clusterip:nothing}').en).toBe('There is no Service nothing yet.');
  });

  it('reports unknown kinds and malformed arguments', () => {
    expect(parsePlaceholders('{pods:app=webui} {pod:nolabel} {lb:Bad_Name}').problems).toEqual([
      'unknown placeholder {pods:app=webui}: use one of {pod:...}, {podip:...}, {clusterip:...}, {nodeport:...}, {lb:...}, {svcchain:...}',
      '{pod:nolabel}: expected {pod:SELECTOR} or {pod:SELECTOR:INDEX}, e.g. {pod:app=webui:0}',
      '{lb:Bad_Name}: "Bad_Name" is not a Service name',
    ]);
  });

  it('takes a namespace prefix, and knows which namespaces a template needs', () => {
    const [p] = parsePlaceholders('{pod:kube-system/k8s-app=kube-proxy:2}').placeholders;
    expect(p).toMatchObject({ kind: 'pod', namespace: 'kube-system', selectorText: 'k8s-app=kube-proxy', index: 2 });
    expect(parsePlaceholders('{pod:app.kubernetes.io/name=web}').placeholders[0]).toMatchObject({ namespace: 'default', selector: { 'app.kubernetes.io/name': 'web' } });
    expect(namespacesOf(['{lb:x}', 'plain', '{pod:kube-system/a=b}'])).toEqual(['default', 'kube-system']);
  });
});
