// upstream proxier_test.go TestSyncProxyRulesRepeated, the two steps that are
// full syncs: the first sync, and the full resync after svc4 was deleted
// (its SVC and SEP chains still in the kernel, so they get -X lines). The
// steps between are partial syncs, which this generator does not do.
// nfacct is left out of the INVALID rule, as in overall.golden.test.ts.
import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Service } from '../../api/types';
import { buildProxyRules } from './build';
import { dedent, sortIPTablesRules } from './testing/iptables-dump';
import { fakeProxierInput, makeTestEndpointSlice, makeTestService } from './testing/fixtures';

function clusterIPService(ns: string, name: string, ip: string, portName: string, port: number): Service {
  return makeTestService(ns, name, (svc) => {
    svc.spec.type = 'ClusterIP';
    svc.spec.clusterIP = ip;
    svc.spec.ports = [{ name: portName, port, protocol: 'TCP' }];
  });
}

function slice(ns: string, name: string, ips: string[], portName: string, port: number): EndpointSlice {
  return makeTestEndpointSlice(ns, name, 1, (eps) => {
    eps.endpoints = ips.map((ip) => ({ addresses: [ip] }));
    eps.ports = [{ name: portName, port, protocol: 'TCP' }];
  });
}

const filterTable = `
		*filter
		:KUBE-NODEPORTS - [0:0]
		:KUBE-SERVICES - [0:0]
		:KUBE-EXTERNAL-SERVICES - [0:0]
		:KUBE-FIREWALL - [0:0]
		:KUBE-FORWARD - [0:0]
		:KUBE-PROXY-FIREWALL - [0:0]
		-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
		-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP
		-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
		-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
		COMMIT`;

describe('upstream TestSyncProxyRulesRepeated', () => {
  it('first sync', () => {
    const rules = buildProxyRules(
      fakeProxierInput(
        [clusterIPService('ns1', 'svc1', '172.30.0.41', 'p80', 80), clusterIPService('ns2', 'svc2', '172.30.0.42', 'p8080', 8080)],
        [slice('ns1', 'svc1', ['10.0.1.1'], 'p80', 80), slice('ns2', 'svc2', ['10.0.2.1'], 'p8080', 8080)],
      ),
    );
    expect(sortIPTablesRules(rules.payload)).toBe(
      dedent(`${filterTable}
		*nat
		:KUBE-NODEPORTS - [0:0]
		:KUBE-SERVICES - [0:0]
		:KUBE-MARK-MASQ - [0:0]
		:KUBE-POSTROUTING - [0:0]
		:KUBE-SEP-SNQ3ZNILQDEJNDQO - [0:0]
		:KUBE-SEP-UHEGFW77JX3KXTOV - [0:0]
		:KUBE-SVC-2VJB64SDSIJUP5T6 - [0:0]
		:KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]
		-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O
		-A KUBE-SERVICES -m comment --comment "ns2/svc2:p8080 cluster IP" -m tcp -p tcp -d 172.30.0.42 --dport 8080 -j KUBE-SVC-2VJB64SDSIJUP5T6
		-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
		-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
		-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
		-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
		-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE
		-A KUBE-SEP-SNQ3ZNILQDEJNDQO -m comment --comment ns1/svc1:p80 -s 10.0.1.1 -j KUBE-MARK-MASQ
		-A KUBE-SEP-SNQ3ZNILQDEJNDQO -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.0.1.1:80
		-A KUBE-SEP-UHEGFW77JX3KXTOV -m comment --comment ns2/svc2:p8080 -s 10.0.2.1 -j KUBE-MARK-MASQ
		-A KUBE-SEP-UHEGFW77JX3KXTOV -m comment --comment ns2/svc2:p8080 -m tcp -p tcp -j DNAT --to-destination 10.0.2.1:8080
		-A KUBE-SVC-2VJB64SDSIJUP5T6 -m comment --comment "ns2/svc2:p8080 cluster IP" -m tcp -p tcp -d 172.30.0.42 --dport 8080 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
		-A KUBE-SVC-2VJB64SDSIJUP5T6 -m comment --comment "ns2/svc2:p8080 -> 10.0.2.1:8080" -j KUBE-SEP-UHEGFW77JX3KXTOV
		-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
		-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.0.1.1:80" -j KUBE-SEP-SNQ3ZNILQDEJNDQO
		COMMIT
		`),
    );
  });

  // The chains in the nat table just before that full resync.
  const existing = [
    'KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ',
    'KUBE-SVC-XPGD46QRK7WJZT7O', 'KUBE-SEP-SNQ3ZNILQDEJNDQO',
    'KUBE-SVC-X27LE4BHSL4DOUIK', 'KUBE-SEP-DKCFIS26GWF2WLWC', 'KUBE-SEP-JVVZVJ7BSEPPRNBS',
    'KUBE-SVC-4SW47YFZTEDKD3PK', 'KUBE-SEP-AYCN5HPXMIRJNJXU',
  ];
  const afterDeletingSvc4 = (): ReturnType<typeof fakeProxierInput> => ({
    ...fakeProxierInput(
      [clusterIPService('ns1', 'svc1', '172.30.0.41', 'p80', 80), clusterIPService('ns3', 'svc3', '172.30.0.43', 'p80', 80)],
      [
        slice('ns1', 'svc1', ['10.0.1.1'], 'p80', 80),
        slice('ns3', 'svc3', ['10.0.3.2', '10.0.3.3'], 'p80', 80),
        // svc4's slice outlives the service: without the service it gets no rules.
        slice('ns4', 'svc4', ['10.0.4.1'], 'p80', 80),
      ],
    ),
    existingChains: existing,
  });

  it('full resync deletes the chains of a deleted service', () => {
    const rules = buildProxyRules(afterDeletingSvc4());
    expect(sortIPTablesRules(rules.payload)).toBe(
      dedent(`${filterTable}
		*nat
		:KUBE-NODEPORTS - [0:0]
		:KUBE-SERVICES - [0:0]
		:KUBE-MARK-MASQ - [0:0]
		:KUBE-POSTROUTING - [0:0]
		:KUBE-SEP-AYCN5HPXMIRJNJXU - [0:0]
		:KUBE-SEP-DKCFIS26GWF2WLWC - [0:0]
		:KUBE-SEP-JVVZVJ7BSEPPRNBS - [0:0]
		:KUBE-SEP-SNQ3ZNILQDEJNDQO - [0:0]
		:KUBE-SVC-4SW47YFZTEDKD3PK - [0:0]
		:KUBE-SVC-X27LE4BHSL4DOUIK - [0:0]
		:KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]
		-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O
		-A KUBE-SERVICES -m comment --comment "ns3/svc3:p80 cluster IP" -m tcp -p tcp -d 172.30.0.43 --dport 80 -j KUBE-SVC-X27LE4BHSL4DOUIK
		-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
		-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
		-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
		-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
		-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE
		-A KUBE-SEP-DKCFIS26GWF2WLWC -m comment --comment ns3/svc3:p80 -s 10.0.3.2 -j KUBE-MARK-MASQ
		-A KUBE-SEP-DKCFIS26GWF2WLWC -m comment --comment ns3/svc3:p80 -m tcp -p tcp -j DNAT --to-destination 10.0.3.2:80
		-A KUBE-SEP-JVVZVJ7BSEPPRNBS -m comment --comment ns3/svc3:p80 -s 10.0.3.3 -j KUBE-MARK-MASQ
		-A KUBE-SEP-JVVZVJ7BSEPPRNBS -m comment --comment ns3/svc3:p80 -m tcp -p tcp -j DNAT --to-destination 10.0.3.3:80
		-A KUBE-SEP-SNQ3ZNILQDEJNDQO -m comment --comment ns1/svc1:p80 -s 10.0.1.1 -j KUBE-MARK-MASQ
		-A KUBE-SEP-SNQ3ZNILQDEJNDQO -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.0.1.1:80
		-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 cluster IP" -m tcp -p tcp -d 172.30.0.43 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
		-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 -> 10.0.3.2:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-DKCFIS26GWF2WLWC
		-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 -> 10.0.3.3:80" -j KUBE-SEP-JVVZVJ7BSEPPRNBS
		-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
		-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.0.1.1:80" -j KUBE-SEP-SNQ3ZNILQDEJNDQO
		-X KUBE-SEP-AYCN5HPXMIRJNJXU
		-X KUBE-SVC-4SW47YFZTEDKD3PK
		COMMIT
		`),
    );
    expect(rules.stats.deletedChains).toBe(2);
  });

  it('writes the -X lines where upstream does: after the services, before the NodePort jump', () => {
    // Upstream's real order (not its sorted test form): chain lines of deleted
    // chains follow the active ones; "-X" follows the service rules and
    // precedes the final KUBE-SERVICES rule.
    const nat = buildProxyRules(afterDeletingSvc4()).nat;
    expect(nat.slice(-5)).toEqual([
      '-A KUBE-SEP-JVVZVJ7BSEPPRNBS -m comment --comment ns3/svc3:p80 -m tcp -p tcp -j DNAT --to-destination 10.0.3.3:80',
      '-X KUBE-SVC-4SW47YFZTEDKD3PK',
      '-X KUBE-SEP-AYCN5HPXMIRJNJXU',
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
      'COMMIT',
    ]);
    expect(nat.slice(8, 12)).toEqual([
      ':KUBE-SEP-DKCFIS26GWF2WLWC - [0:0]',
      ':KUBE-SEP-JVVZVJ7BSEPPRNBS - [0:0]',
      ':KUBE-SVC-4SW47YFZTEDKD3PK - [0:0]',
      ':KUBE-SEP-AYCN5HPXMIRJNJXU - [0:0]',
    ]);
  });

  it('never deletes chains that are not per-service chains', () => {
    const input = { ...afterDeletingSvc4(), existingChains: ['KUBE-SERVICES', 'KUBE-PROXY-CANARY', 'DOCKER_OUTPUT', 'KUBE-SVC-4SW47YFZTEDKD3PK', 'KUBE-SVC-4SW47YFZTEDKD3PK'] };
    const rules = buildProxyRules(input);
    expect(rules.nat.filter((l) => l.startsWith('-X'))).toEqual(['-X KUBE-SVC-4SW47YFZTEDKD3PK']);
  });
});
