// The pod's /etc/resolv.conf per dnsPolicy, as pkg/kubelet/network/dns/dns.go
// computes it and the container runtime writes it (search, nameserver,
// options lines in that order). For ClusterFirst:
//
//   search <ns>.svc.cluster.local svc.cluster.local cluster.local
//   nameserver 10.96.0.10
//   options ndots:5
import type { Pod, PodDNSConfig } from '../../api/types';

export interface ResolvConfig {
  nameservers: string[];
  searches: string[];
  options: string[];
}

export interface DnsSettings {
  clusterDNS: readonly string[];
  clusterDomain: string;
  /** The node's own resolver (kubelet --resolv-conf), for dnsPolicy Default and host search paths. */
  host?: ResolvConfig;
}

// dns.go's validation limits (MaxDNSNameservers, MaxDNSSearchPaths, MaxDNSSearchListChars).
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;
const MAX_SEARCH_CHARS = 2048;
const DEFAULT_OPTIONS = ['ndots:5'];

export function parseResolvConf(text: string): ResolvConfig {
  const conf: ResolvConfig = { nameservers: [], searches: [], options: [] };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const [key, ...fields] = line.split(/\s+/);
    if (key === 'nameserver' && fields[0]) conf.nameservers.push(fields[0]);
    // The last search line wins, as in glibc.
    if (key === 'search') conf.searches = fields.filter((f) => f !== '');
    if (key === 'options') conf.options.push(...fields.filter((f) => f !== ''));
  }
  return conf;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function mergeOptions(existing: readonly string[], extra: PodDNSConfig['options']): string[] {
  const merged = new Map<string, string>();
  for (const option of existing) {
    const i = option.indexOf(':');
    merged.set(i < 0 ? option : option.slice(0, i), i < 0 ? '' : option.slice(i + 1));
  }
  for (const option of extra ?? []) merged.set(option.name, option.value ?? '');
  return [...merged].map(([name, value]) => (value ? `${name}:${value}` : name));
}

function fitLimits(conf: ResolvConfig): ResolvConfig {
  let searches = conf.searches.slice(0, MAX_SEARCHES);
  while (searches.join(' ').length > MAX_SEARCH_CHARS) searches = searches.slice(0, -1);
  return { nameservers: conf.nameservers.slice(0, MAX_NAMESERVERS), searches, options: conf.options };
}

type DnsType = 'none' | 'cluster' | 'host';

function dnsType(pod: Pod): DnsType {
  switch (pod.spec.dnsPolicy ?? 'ClusterFirst') {
    case 'None':
      return 'none';
    case 'ClusterFirstWithHostNet':
      return 'cluster';
    case 'Default':
      return 'host';
    default:
      // ClusterFirst falls back to Default for host-network pods.
      return pod.spec.hostNetwork ? 'host' : 'cluster';
  }
}

export function podResolvConfig(pod: Pod, settings: DnsSettings): ResolvConfig {
  const host = settings.host ?? { nameservers: [], searches: [], options: [] };
  let conf: ResolvConfig = { nameservers: [...host.nameservers], searches: [...host.searches], options: [...host.options] };
  const type = dnsType(pod);
  if (type === 'none') conf = { nameservers: [], searches: [], options: [] };
  if (type === 'cluster' && settings.clusterDNS.length > 0) {
    const ns = pod.metadata.namespace ?? 'default';
    const domain = settings.clusterDomain;
    const clusterSearch = domain ? [`${ns}.svc.${domain}`, `svc.${domain}`, domain] : [];
    conf = { nameservers: [...settings.clusterDNS], searches: unique([...clusterSearch, ...host.searches]), options: [...DEFAULT_OPTIONS] };
  }
  const extra = pod.spec.dnsConfig;
  if (extra) {
    conf = {
      nameservers: unique([...conf.nameservers, ...(extra.nameservers ?? [])]),
      searches: unique([...conf.searches, ...(extra.searches ?? [])]),
      options: mergeOptions(conf.options, extra.options),
    };
  }
  return fitLimits(conf);
}

/** The file as containerd and cri-dockerd write it. */
export function formatResolvConf(conf: ResolvConfig): string {
  let out = '';
  if (conf.searches.length > 0) out += `search ${conf.searches.join(' ')}\n`;
  for (const server of conf.nameservers) out += `nameserver ${server}\n`;
  if (conf.options.length > 0) out += `options ${conf.options.join(' ')}\n`;
  return out;
}
