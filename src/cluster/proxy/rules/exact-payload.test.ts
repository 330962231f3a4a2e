// The payload byte for byte, in the order upstream's full sync writes it
// (upstream's own tests compare a sorted form; this pins the real order).
// Expectations follow proxier.go statement by statement; chain hashes were
// computed independently with Python's hashlib/base64. Default options: the
// mark as NewProxier formats it (0x00004000), --random-fully, no localhost
// NodePorts.
import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Service } from '../../api/types';
import { buildProxyRules } from './build';
import type { ProxyRulesInput } from './types';

const node1: Omit<ProxyRulesInput, 'services' | 'endpointSlices'> = { nodeName: 'node1', nodeIPs: ['10.100.0.101'], clusterCIDR: '10.244.0.0/16' };

function slice(service: string, port: { name: string; port: number }, endpoints: EndpointSlice['endpoints']): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${service}-abcde`, namespace: 'default', labels: { 'kubernetes.io/service-name': service } },
    addressType: 'IPv4',
    ports: [{ ...port, protocol: 'TCP' }],
    endpoints,
  };
}

const filterNoServices = [
  '*filter',
  ':KUBE-SERVICES - [0:0]',
  ':KUBE-EXTERNAL-SERVICES - [0:0]',
  ':KUBE-FORWARD - [0:0]',
  ':KUBE-NODEPORTS - [0:0]',
  ':KUBE-PROXY-FIREWALL - [0:0]',
];
const filterTail = [
  '-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP',
  '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x00004000/0x00004000 -j ACCEPT',
  '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  'COMMIT',
];
const natHead = [
  '*nat',
  ':KUBE-SERVICES - [0:0]',
  ':KUBE-NODEPORTS - [0:0]',
  ':KUBE-POSTROUTING - [0:0]',
  ':KUBE-MARK-MASQ - [0:0]',
];
const natFixedRules = [
  '-A KUBE-POSTROUTING -m mark ! --mark 0x00004000/0x00004000 -j RETURN',
  '-A KUBE-POSTROUTING -j MARK --xor-mark 0x00004000',
  '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
  '-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000',
];
const natTail = [
  '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL ! -d 127.0.0.0/8 -j KUBE-NODEPORTS',
  'COMMIT',
];

describe('exact payload', () => {
  it('a NodePort service (the lesson\'s nodeport step), seen from node1', () => {
    const svc: Service = {
      metadata: { name: 'nodeport-service', namespace: 'default' },
      spec: { type: 'NodePort', clusterIP: '10.108.24.7', ports: [{ port: 80, targetPort: 80, nodePort: 30200, protocol: 'TCP' }] },
    };
    const eps = slice('nodeport-service', { name: '', port: 80 }, [
      { addresses: ['10.244.1.2'], conditions: { ready: true }, nodeName: 'node1' },
      { addresses: ['10.244.2.2'], conditions: { ready: true }, nodeName: 'node2' },
      { addresses: ['10.244.1.10'], conditions: { ready: true }, nodeName: 'node1' },
      { addresses: ['10.244.2.9'], conditions: { ready: false }, nodeName: 'node2' },
    ]);
    const rules = buildProxyRules({ ...node1, services: [svc], endpointSlices: [eps] });
    const filter = [...filterNoServices, ...filterTail];
    const nat = [
      ...natHead,
      ':KUBE-EXT-QATUYZLPU4I4HE4S - [0:0]',
      ':KUBE-SVC-QATUYZLPU4I4HE4S - [0:0]',
      ':KUBE-SEP-3QGFZH5LHLF6AKUD - [0:0]',
      ':KUBE-SEP-BLDFJ3PNFCSWQNUP - [0:0]',
      ':KUBE-SEP-63IZT5Q2SR6ZF77A - [0:0]',
      ...natFixedRules,
      '-A KUBE-SERVICES -m comment --comment "default/nodeport-service cluster IP" -m tcp -p tcp -d 10.108.24.7 --dport 80 -j KUBE-SVC-QATUYZLPU4I4HE4S',
      '-A KUBE-NODEPORTS -m comment --comment default/nodeport-service -m tcp -p tcp --dport 30200 -j KUBE-EXT-QATUYZLPU4I4HE4S',
      '-A KUBE-SVC-QATUYZLPU4I4HE4S -m comment --comment "default/nodeport-service cluster IP" -m tcp -p tcp -d 10.108.24.7 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ',
      '-A KUBE-EXT-QATUYZLPU4I4HE4S -m comment --comment "masquerade traffic for default/nodeport-service external destinations" -j KUBE-MARK-MASQ',
      '-A KUBE-EXT-QATUYZLPU4I4HE4S -j KUBE-SVC-QATUYZLPU4I4HE4S',
      // Sorted as text: "10.244.1.10:80" < "10.244.1.2:80"; the not-ready pod is left out.
      '-A KUBE-SVC-QATUYZLPU4I4HE4S -m comment --comment "default/nodeport-service -> 10.244.1.10:80" -m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-3QGFZH5LHLF6AKUD',
      '-A KUBE-SVC-QATUYZLPU4I4HE4S -m comment --comment "default/nodeport-service -> 10.244.1.2:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-BLDFJ3PNFCSWQNUP',
      '-A KUBE-SVC-QATUYZLPU4I4HE4S -m comment --comment "default/nodeport-service -> 10.244.2.2:80" -j KUBE-SEP-63IZT5Q2SR6ZF77A',
      '-A KUBE-SEP-3QGFZH5LHLF6AKUD -m comment --comment default/nodeport-service -s 10.244.1.10 -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-3QGFZH5LHLF6AKUD -m comment --comment default/nodeport-service -m tcp -p tcp -j DNAT --to-destination 10.244.1.10:80',
      '-A KUBE-SEP-BLDFJ3PNFCSWQNUP -m comment --comment default/nodeport-service -s 10.244.1.2 -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-BLDFJ3PNFCSWQNUP -m comment --comment default/nodeport-service -m tcp -p tcp -j DNAT --to-destination 10.244.1.2:80',
      '-A KUBE-SEP-63IZT5Q2SR6ZF77A -m comment --comment default/nodeport-service -s 10.244.2.2 -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-63IZT5Q2SR6ZF77A -m comment --comment default/nodeport-service -m tcp -p tcp -j DNAT --to-destination 10.244.2.2:80',
      ...natTail,
    ];
    expect(rules.filter).toEqual(filter);
    expect(rules.nat).toEqual(nat);
    expect(rules.payload).toBe(filter.join('\n') + '\n' + nat.join('\n') + '\n');
    expect(rules.stats).toEqual({ servicePorts: 1, endpoints: 4, largeClusterMode: false, filterRules: 3, natRules: 19, deletedChains: 0 });
  });

  it('a LoadBalancer with externalTrafficPolicy Local and one local endpoint', () => {
    const svc: Service = {
      metadata: { name: 'local-web', namespace: 'default' },
      spec: {
        type: 'LoadBalancer',
        clusterIP: '10.96.50.50',
        externalTrafficPolicy: 'Local',
        healthCheckNodePort: 32000,
        ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30300, protocol: 'TCP' }],
      },
      status: { loadBalancer: { ingress: [{ ip: '10.100.0.240', ipMode: 'VIP' }] } },
    };
    const eps = slice('local-web', { name: 'http', port: 8080 }, [
      { addresses: ['10.244.2.5'], nodeName: 'node2' },
      { addresses: ['10.244.1.5'], nodeName: 'node1' },
    ]);
    const rules = buildProxyRules({ ...node1, services: [svc], endpointSlices: [eps] });
    const L = 'VXBHRJBHABYZOW4Y';
    const sep1 = 'KUBE-SEP-UXQ4SHP3J4EW4GND';
    const sep2 = 'KUBE-SEP-IR2EFG4PQ7HFVEMJ';
    expect(rules.filter).toEqual([
      ...filterNoServices,
      '-A KUBE-NODEPORTS -m comment --comment "default/local-web:http health check node port" -m tcp -p tcp --dport 32000 -j ACCEPT',
      ...filterTail,
    ]);
    expect(rules.nat).toEqual([
      ...natHead,
      `:KUBE-EXT-${L} - [0:0]`,
      `:KUBE-SVC-${L} - [0:0]`,
      `:KUBE-SVL-${L} - [0:0]`,
      `:${sep1} - [0:0]`,
      `:${sep2} - [0:0]`,
      ...natFixedRules,
      `-A KUBE-SERVICES -m comment --comment "default/local-web:http cluster IP" -m tcp -p tcp -d 10.96.50.50 --dport 80 -j KUBE-SVC-${L}`,
      `-A KUBE-SERVICES -m comment --comment "default/local-web:http loadbalancer IP" -m tcp -p tcp -d 10.100.0.240 --dport 80 -j KUBE-EXT-${L}`,
      `-A KUBE-NODEPORTS -m comment --comment default/local-web:http -m tcp -p tcp --dport 30300 -j KUBE-EXT-${L}`,
      `-A KUBE-SVC-${L} -m comment --comment "default/local-web:http cluster IP" -m tcp -p tcp -d 10.96.50.50 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ`,
      `-A KUBE-EXT-${L} -m comment --comment "pod traffic for default/local-web:http external destinations" -s 10.244.0.0/16 -j KUBE-SVC-${L}`,
      `-A KUBE-EXT-${L} -m comment --comment "masquerade LOCAL traffic for default/local-web:http external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`,
      `-A KUBE-EXT-${L} -m comment --comment "route LOCAL traffic for default/local-web:http external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-${L}`,
      `-A KUBE-EXT-${L} -j KUBE-SVL-${L}`,
      `-A KUBE-SVC-${L} -m comment --comment "default/local-web:http -> 10.244.1.5:8080" -m statistic --mode random --probability 0.5000000000 -j ${sep1}`,
      `-A KUBE-SVC-${L} -m comment --comment "default/local-web:http -> 10.244.2.5:8080" -j ${sep2}`,
      `-A KUBE-SVL-${L} -m comment --comment "default/local-web:http -> 10.244.1.5:8080" -j ${sep1}`,
      `-A ${sep1} -m comment --comment default/local-web:http -s 10.244.1.5 -j KUBE-MARK-MASQ`,
      `-A ${sep1} -m comment --comment default/local-web:http -m tcp -p tcp -j DNAT --to-destination 10.244.1.5:8080`,
      `-A ${sep2} -m comment --comment default/local-web:http -s 10.244.2.5 -j KUBE-MARK-MASQ`,
      `-A ${sep2} -m comment --comment default/local-web:http -m tcp -p tcp -j DNAT --to-destination 10.244.2.5:8080`,
      ...natTail,
    ]);
  });
});
