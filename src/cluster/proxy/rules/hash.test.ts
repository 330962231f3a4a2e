import { describe, expect, it } from 'vitest';
import { clearNameCache, endpointChain, endpointChainsOf, servicePortChains } from './chain-names';
import { hash16 } from './hash';

describe('chain name hashes', () => {
  it('matches the names a real cluster shows for default/kubernetes:https', () => {
    expect(servicePortChains('default/kubernetes:https', 'tcp')).toEqual({
      cluster: 'KUBE-SVC-NPX46M4PTMTKRN6Y',
      local: 'KUBE-SVL-NPX46M4PTMTKRN6Y',
      firewall: 'KUBE-FW-NPX46M4PTMTKRN6Y',
      external: 'KUBE-EXT-NPX46M4PTMTKRN6Y',
    });
  });

  it('matches the kube-dns chains every kubeadm cluster shows', () => {
    expect(servicePortChains('kube-system/kube-dns:dns', 'udp').cluster).toBe('KUBE-SVC-TCOU7JCQXEZGVUNU');
    expect(servicePortChains('kube-system/kube-dns:dns-tcp', 'tcp').cluster).toBe('KUBE-SVC-ERIFXISQEP7F7OF4');
    expect(servicePortChains('kube-system/kube-dns:metrics', 'tcp').cluster).toBe('KUBE-SVC-JD5MR3NA4I4DYORP');
  });

  it('matches the names in upstream proxier_test.go', () => {
    expect(servicePortChains('ns1/svc1:p80', 'tcp').cluster).toBe('KUBE-SVC-XPGD46QRK7WJZT7O');
    expect(servicePortChains('ns2/svc2:p80', 'tcp').external).toBe('KUBE-EXT-GNZBNJ2PO5MGZ6GT');
    expect(servicePortChains('ns5/svc5:p80', 'tcp').firewall).toBe('KUBE-FW-NUKIZ6OKUXPJNT4C');
    expect(servicePortChains('ns4/svc4:p8082', 'tcp').cluster).toBe('KUBE-SVC-EBDQOQU5SJFXRIL3');
    expect(endpointChain('ns1/svc1:p80', 'tcp', '10.180.0.1:80')).toBe('KUBE-SEP-SXIVWICOYRO3J4NJ');
    expect(endpointChain('ns5/svc5:p80', 'tcp', '10.180.0.3:80')).toBe('KUBE-SEP-I77PXRDZVX7PMWMN');
    expect(endpointChain('ns1/svc1:p80', 'tcp', '10.0.0.0:80')).toBe('KUBE-SEP-DKGQUZGBKLTPAR56');
    expect(endpointChain('ns3/svc3:p8081', 'tcp', '203.0.113.4:8081')).toBe('KUBE-SEP-RUVVH7YV3PHQBDOS');
  });

  it('distinguishes protocols and endpoints', () => {
    expect(servicePortChains('ns/svc:dns', 'udp').cluster).not.toBe(servicePortChains('ns/svc:dns', 'tcp').cluster);
    expect(endpointChain('ns/svc', 'tcp', '10.0.0.1:80')).not.toBe(endpointChain('ns/svc', 'tcp', '10.0.0.1:81'));
  });

  it('is the first 16 characters of base32(sha256)', () => {
    // sha256("") = e3b0c442 98fc1c14 9afbf4c8 ...; base32 of its first 10 bytes:
    expect(hash16('')).toBe('4OYMIQUY7QOBJGX3');
  });

  it('memoises endpoint names without mixing up service ports', () => {
    clearNameCache();
    const a = endpointChainsOf('ns1/svc1:p80/TCP', 'ns1/svc1:p80', 'tcp');
    const b = endpointChainsOf('ns5/svc5:p80/TCP', 'ns5/svc5:p80', 'tcp');
    for (let i = 0; i < 2; i++) {
      expect(a('10.180.0.1:80')).toBe('KUBE-SEP-SXIVWICOYRO3J4NJ');
      expect(b('10.180.0.3:80')).toBe('KUBE-SEP-I77PXRDZVX7PMWMN');
    }
  });
});
