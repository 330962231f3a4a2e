// The cluster DNS (CoreDNS's role): feed a DnsObjectSource with Services,
// EndpointSlices, Pods and Namespaces, and serve it with createDnsServer.
export { createDnsServer, type DnsServer, type DnsServerOptions, type Handled } from './server';
export { DnsObjectSource, type DnsIndexSource, type WatchEventType } from './source';
export { buildIndex, type DnsIndex, type IndexOptions } from './cluster-index';
export { answer, completeChase, KUBEADM_ZONE_CONFIG, DNS_SCHEMA_VERSION, type Resolution, type ZoneConfig, type Chase } from './answer';
export { decodeMessage, encodeMessage, decodeHeader, DnsFormatError } from './codec';
export { Forwarder, parseUpstream, type Upstream } from './forward';
export { ResponseCache, type CacheOptions } from './cache';
export { RRType, RRClass, Rcode, Opcode, emptyMessage, type Message, type Question, type ResourceRecord, type RData, type Edns } from './types';
export { reverseName, addressFromReverse } from './names';
