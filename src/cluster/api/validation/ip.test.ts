import { describe, expect, it } from 'vitest';
import { errorString } from '../errors';
import { canonicalIP, ipFamilyOf, isValidCIDR, isValidIP, parseIPv4Cidr, validateNonSpecialIP } from './ip';

// Messages: k8s.io/apimachinery/pkg/util/validation/ip.go and
// pkg/apis/core/validation ValidateNonSpecialIP.
describe('IP checks', () => {
  it('parses IPv4 sloppily, as k8s.io/utils/net does', () => {
    expect(ipFamilyOf('010.1.1.1')).toBe('IPv4');
    expect(canonicalIP('010.001.1.1')).toBe('10.1.1.1');
    expect(ipFamilyOf('fd00::1')).toBe('IPv6');
    expect(ipFamilyOf('10.1.1')).toBeUndefined();
  });

  it('reports bad IPs and CIDRs', () => {
    expect(isValidIP('spec.clusterIPs[0]', '10.1.1.256').map(errorString)).toEqual([
      'spec.clusterIPs[0]: Invalid value: "10.1.1.256": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ]);
    expect(isValidCIDR('x', '10.0.0.0/33').map(errorString)).toEqual([
      'x: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    ]);
    expect(parseIPv4Cidr('10.96.0.0/12')).toEqual({ base: 0x0a600000, prefix: 12, size: 1 << 20 });
  });

  it('refuses special addresses as endpoints', () => {
    expect(validateNonSpecialIP('127.0.0.1', 'ip').map(errorString)).toEqual(['ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)']);
    expect(validateNonSpecialIP('0.0.0.0', 'ip').map(errorString)).toEqual(['ip: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)']);
    expect(validateNonSpecialIP('169.254.1.1', 'ip')).toHaveLength(1);
    expect(validateNonSpecialIP('fe80::1', 'ip')).toHaveLength(1);
    expect(validateNonSpecialIP('::1', 'ip')).toHaveLength(1);
    expect(validateNonSpecialIP('10.244.1.5', 'ip')).toEqual([]);
  });
});
