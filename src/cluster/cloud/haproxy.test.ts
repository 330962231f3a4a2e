import { describe, expect, it } from 'vitest';
import { chooseAddress, haproxyConfig } from './haproxy';

describe('haproxyConfig', () => {
  it('forwards each load balancer port to that NodePort on every node, with health checks', () => {
    const cfg = haproxyConfig([
      { namespace: 'default', name: 'loadbalancer-service', ip: '10.100.0.240', nodes: ['10.100.0.101', '10.100.0.102'], nodePorts: [{ port: 80, protocol: 'TCP', nodePort: 30300 }] },
    ]);
    expect(cfg).toContain('frontend default_loadbalancer-service_80\n    bind 10.100.0.240:80\n');
    expect(cfg).toContain('    server node1_10_100_0_101 10.100.0.101:30300 check\n    server node2_10_100_0_102 10.100.0.102:30300 check\n');
  });

  it('limits clients to the source ranges when given', () => {
    const cfg = haproxyConfig([{ namespace: 'a', name: 'b', ip: '10.100.0.241', nodes: ['10.100.0.101'], nodePorts: [{ port: 8080, protocol: 'TCP', nodePort: 31000 }], sourceRanges: ['10.100.0.200/32'] }]);
    expect(cfg).toContain('tcp-request connection reject unless { src 10.100.0.200/32 }');
  });
});

describe('chooseAddress', () => {
  const range = '10.100.0.240-10.100.0.249';
  it('takes the first free address', () => {
    expect(chooseAddress(range, new Set(['10.100.0.240']))).toBe('10.100.0.241');
  });
  it('honours a requested address in the range, and refuses others', () => {
    expect(chooseAddress(range, new Set(), '10.100.0.245')).toBe('10.100.0.245');
    expect(chooseAddress(range, new Set(), '10.100.0.100')).toEqual({ error: expect.stringContaining('outside') });
    expect(chooseAddress(range, new Set(['10.100.0.245']), '10.100.0.245')).toEqual({ error: expect.stringContaining('in use') });
  });
  it('says when the range is exhausted', () => {
    const all = new Set(Array.from({ length: 10 }, (_, i) => `10.100.0.${240 + i}`));
    expect(chooseAddress(range, all)).toEqual({ error: 'no free address left in 10.100.0.240-10.100.0.249' });
  });
});
