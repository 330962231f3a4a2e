import { describe, expect, it } from 'vitest';
import { canonicalIp } from './ip';
import { addressFromReverse, isSubdomain, labelBytes, labelText, lowerName, reverseName, splitName } from './names';

describe('names', () => {
  it('split presentation names, keeping escaped dots inside labels', () => {
    expect(splitName('a\\.b.c.')).toEqual(['a\\.b', 'c']);
    expect(splitName('.')).toEqual([]);
    expect(labelBytes('a\\.b\\000')).toEqual([0x61, 0x2e, 0x62, 0]);
    expect(labelText(Uint8Array.from([0x61, 0x2e, 0x20, 0x5c]))).toBe('a\\.\\032\\\\');
  });

  it('compare without case and tell subdomains label by label', () => {
    expect(lowerName('WebUI.Default.')).toBe('webui.default');
    expect(isSubdomain('a.Cluster.Local', 'cluster.local')).toBe(true);
    expect(isSubdomain('cluster.local', 'cluster.local')).toBe(true);
    expect(isSubdomain('xcluster.local', 'cluster.local')).toBe(false);
    expect(isSubdomain('local', 'cluster.local')).toBe(false);
    expect(isSubdomain('anything', '')).toBe(true);
  });

  it('turn full reverse names into addresses and back', () => {
    expect(addressFromReverse('100.100.100.10.in-addr.arpa')).toBe('10.100.100.100');
    expect(addressFromReverse('100.100.10.in-addr.arpa')).toBeNull();
    expect(addressFromReverse('300.1.1.10.in-addr.arpa')).toBeNull();
    expect(reverseName('10.96.0.10')).toBe('10.0.96.10.in-addr.arpa');
    const v6 = reverseName('fd00::a')!;
    expect(v6).toBe('a.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa');
    expect(addressFromReverse(v6)).toBe('fd00::a');
  });

  it('spell IP addresses one way (RFC 5952)', () => {
    expect(canonicalIp('fd00:0:0:0:0:0:0:a')).toBe('fd00::a');
    expect(canonicalIp('FD00::0:A')).toBe('fd00::a');
    expect(canonicalIp('1:0:0:1:0:0:0:1')).toBe('1:0:0:1::1');
    expect(canonicalIp('::ffff:1.2.3.4')).toBe('::ffff:102:304');
    expect(canonicalIp('10.96.0.10')).toBe('10.96.0.10');
    expect(canonicalIp('10.96.0')).toBeNull();
    expect(canonicalIp('None')).toBeNull();
  });
});
