import { describe, expect, it } from 'vitest';
import { dedent, parseIPTablesDump, sortIPTablesRules } from './iptables-dump';

describe('upstream test helpers', () => {
  it('sortIPTablesRules orders tables, chains and service rules as upstream does', () => {
    const input = [
      '*nat',
      ':KUBE-SERVICES - [0:0]',
      ':KUBE-NODEPORTS - [0:0]',
      ':KUBE-SVC-B - [0:0]',
      ':KUBE-MARK-MASQ - [0:0]',
      ':KUBE-SVC-A - [0:0]',
      '-A KUBE-SERVICES -m comment --comment "ns2/b cluster IP" -j KUBE-SVC-B',
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -j KUBE-NODEPORTS',
      '-A KUBE-SERVICES -m comment --comment "ns1/a:p cluster IP" -j KUBE-SVC-A',
      '-A KUBE-SERVICES -m comment --comment "ns1/a:p external IP" -j KUBE-SVC-A',
      '-A KUBE-SVC-B -j KUBE-MARK-MASQ',
      '-X KUBE-SVC-A',
      'COMMIT',
      '*filter',
      ':KUBE-FORWARD - [0:0]',
      'COMMIT',
      '',
    ].join('\n');
    expect(sortIPTablesRules(input)).toBe(
      dedent(`
        *filter
        :KUBE-FORWARD - [0:0]
        COMMIT
        *nat
        :KUBE-NODEPORTS - [0:0]
        :KUBE-SERVICES - [0:0]
        :KUBE-MARK-MASQ - [0:0]
        :KUBE-SVC-A - [0:0]
        :KUBE-SVC-B - [0:0]
        -A KUBE-SERVICES -m comment --comment "ns1/a:p cluster IP" -j KUBE-SVC-A
        -A KUBE-SERVICES -m comment --comment "ns1/a:p external IP" -j KUBE-SVC-A
        -A KUBE-SERVICES -m comment --comment "ns2/b cluster IP" -j KUBE-SVC-B
        -A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -j KUBE-NODEPORTS
        -A KUBE-SVC-B -j KUBE-MARK-MASQ
        -X KUBE-SVC-A
        COMMIT
        `),
    );
  });

  it('rejects what upstream ParseIPTablesDump rejects', () => {
    expect(() => parseIPTablesDump('*nat\n:A - [0:0]\n-X A\n-A A -j B\nCOMMIT\n')).toThrow(/deleted chain/);
    expect(() => parseIPTablesDump('*nat\n-A NOPE -j B\nCOMMIT\n')).toThrow(/no such chain/);
    expect(() => parseIPTablesDump('*nat\n:A - [0:0]\n')).toThrow(/no COMMIT/);
    expect(() => parseIPTablesDump(':A - [0:0]\nCOMMIT\n')).toThrow(/not a table name/);
  });
});
