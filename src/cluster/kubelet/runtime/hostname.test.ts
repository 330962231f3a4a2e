import { describe, expect, it } from 'vitest';
import { podHostname, truncateHostname } from './hostname';
import { pod } from './test-fixtures';

describe('pod hostname', () => {
  it('is the pod name without a subdomain', () => {
    expect(podHostname(pod(), 'cluster.local')).toEqual({ hostname: 'webui-7d9f-abcde', domain: '' });
  });

  it('uses spec.hostname and builds the subdomain’s domain', () => {
    const p = pod([{}], { hostname: 'web-0', subdomain: 'web' }, { namespace: 'shop' });
    expect(podHostname(p, 'cluster.local')).toEqual({ hostname: 'web-0', domain: 'web.shop.svc.cluster.local' });
  });

  it('cuts long names to 63 characters without a trailing dash', () => {
    const name = `${'a'.repeat(62)}-bcd`;
    expect(truncateHostname(name)).toBe('a'.repeat(62));
    expect(podHostname(pod([{}], {}, { name: `${'x'.repeat(70)}` }), 'cluster.local').hostname).toHaveLength(63);
  });

  it('refuses a hostname that is not a DNS label', () => {
    expect(() => podHostname(pod([{}], { hostname: 'Bad_Name' }), 'cluster.local')).toThrow(/not a valid DNS label/);
  });
});
