// The pod's /etc/hosts, byte for byte as the kubelet writes its managed hosts
// file (kubelet_pods.go managedHostsFileContent and hostsEntriesFromHostAliases).

import type { HostAlias } from '../../api/types';

export type { HostAlias };

export const MANAGED_HOSTS_HEADER = '# Kubernetes-managed hosts file.\n';

export function managedHostsFile(podIPs: readonly string[], hostname: string, domain: string, aliases: readonly HostAlias[] = []): string {
  let out = MANAGED_HOSTS_HEADER;
  out += '127.0.0.1\tlocalhost\n';
  out += '::1\tlocalhost ip6-localhost ip6-loopback\n';
  out += 'fe00::0\tip6-localnet\n';
  out += 'fe00::0\tip6-mcastprefix\n';
  out += 'fe00::1\tip6-allnodes\n';
  out += 'fe00::2\tip6-allrouters\n';
  for (const ip of podIPs) {
    out += domain ? `${ip}\t${hostname}.${domain}\t${hostname}\n` : `${ip}\t${hostname}\n`;
  }
  if (aliases.length > 0) {
    out += '\n# Entries added by HostAliases.\n';
    for (const alias of aliases) {
      for (const name of alias.hostnames ?? []) out += `${alias.ip}\t${name}\n`;
    }
  }
  return out;
}
