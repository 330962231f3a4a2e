import { describe, expect, it } from 'vitest';
import { managedHostsFile } from './hosts';

const HEAD = [
  '# Kubernetes-managed hosts file.',
  '127.0.0.1\tlocalhost',
  '::1\tlocalhost ip6-localhost ip6-loopback',
  'fe00::0\tip6-localnet',
  'fe00::0\tip6-mcastprefix',
  'fe00::1\tip6-allnodes',
  'fe00::2\tip6-allrouters',
];

describe('managed /etc/hosts', () => {
  it('reads as a real pod’s /etc/hosts', () => {
    expect(managedHostsFile(['10.244.1.2'], 'webui-7d9f-abcde', '')).toBe([...HEAD, '10.244.1.2\twebui-7d9f-abcde', ''].join('\n'));
  });

  it('puts the FQDN first when the pod has a subdomain', () => {
    expect(managedHostsFile(['10.244.1.7'], 'web-0', 'web.default.svc.cluster.local').split('\n')[7]).toBe('10.244.1.7\tweb-0.web.default.svc.cluster.local\tweb-0');
  });

  it('appends hostAliases under their own header', () => {
    const text = managedHostsFile(['10.244.1.2'], 'p', '', [{ ip: '10.100.0.250', hostnames: ['cloud', 'www.example.com'] }]);
    expect(text.endsWith('10.244.1.2\tp\n\n# Entries added by HostAliases.\n10.100.0.250\tcloud\n10.100.0.250\twww.example.com\n')).toBe(true);
  });
});
