import { describe, expect, it } from 'vitest';
import { formatResolvConf, parseResolvConf, podResolvConfig } from './dns';
import { pod } from './test-fixtures';

const settings = { clusterDNS: ['10.96.0.10'], clusterDomain: 'cluster.local' };

describe('pod resolv.conf', () => {
  it('is the cluster DNS with the namespace’s search list for ClusterFirst', () => {
    const text = formatResolvConf(podResolvConfig(pod([{}], {}, { namespace: 'shop' }), settings));
    expect(text).toBe('search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('appends the node’s search domains after the cluster’s, without duplicates', () => {
    const host = parseResolvConf('# generated\nnameserver 10.100.0.250\nsearch lab cluster.local\noptions ndots:0\n');
    const conf = podResolvConfig(pod(), { ...settings, host });
    expect(conf.searches).toEqual(['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'lab']);
    expect(conf.nameservers).toEqual(['10.96.0.10']);
    expect(conf.options).toEqual(['ndots:5']);
  });

  it('uses the node’s resolver for Default and for host-network ClusterFirst pods', () => {
    const host = parseResolvConf('nameserver 10.100.0.250\noptions ndots:0\n');
    expect(formatResolvConf(podResolvConfig(pod([{}], { dnsPolicy: 'Default' }), { ...settings, host }))).toBe('nameserver 10.100.0.250\noptions ndots:0\n');
    expect(podResolvConfig(pod([{}], { hostNetwork: true }), { ...settings, host }).nameservers).toEqual(['10.100.0.250']);
    expect(podResolvConfig(pod([{}], { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }), { ...settings, host }).nameservers).toEqual(['10.96.0.10']);
  });

  it('builds None from dnsConfig alone and merges dnsConfig into the others', () => {
    const dnsConfig = { nameservers: ['1.1.1.1'], searches: ['example.com'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] };
    expect(formatResolvConf(podResolvConfig(pod([{}], { dnsPolicy: 'None', dnsConfig }), settings))).toBe('search example.com\nnameserver 1.1.1.1\noptions ndots:2 edns0\n');
    const merged = podResolvConfig(pod([{}], { dnsConfig }), settings);
    expect(merged.nameservers).toEqual(['10.96.0.10', '1.1.1.1']);
    expect(merged.searches.at(-1)).toBe('example.com');
    expect(merged.options).toEqual(['ndots:2', 'edns0']);
  });

  it('keeps at most three nameservers', () => {
    const dnsConfig = { nameservers: ['1.1.1.1', '8.8.8.8', '9.9.9.9'] };
    expect(podResolvConfig(pod([{}], { dnsConfig }), settings).nameservers).toEqual(['10.96.0.10', '1.1.1.1', '8.8.8.8']);
  });
});
