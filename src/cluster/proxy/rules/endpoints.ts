// EndpointSlices folded into one endpoint list per service port, as
// upstream's EndpointSliceCache does: slices of other address types are
// ignored, an "ip:port" seen twice keeps the non-terminating copy, and each
// list is sorted by its "ip:port" text (so 10.0.0.10 sorts before 10.0.0.2).
import type { EndpointSlice } from '../../api/types';
import { parseIPv4 } from './ipv4';
import { endpointsKey } from './service-ports';

export interface EndpointInfo {
  ip: string;
  /** "ip:port": the DNAT destination and the sort key. */
  endpoint: string;
  isLocal: boolean;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  zoneHints: ReadonlySet<string> | null;
  nodeHints: ReadonlySet<string> | null;
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** Endpoints by service port key (see endpointsKey), each list sorted. */
export function endpointsByServicePort(slices: readonly EndpointSlice[], nodeName: string): Map<string, EndpointInfo[]> {
  const sets = new Map<string, Map<string, EndpointInfo>>();
  for (const slice of slices) {
    if (slice.addressType !== 'IPv4') continue;
    const service = slice.metadata.labels?.[SERVICE_NAME_LABEL];
    const ns = slice.metadata.namespace;
    if (!service || !ns || !slice.metadata.name) continue;
    for (const port of slice.ports ?? []) {
      // Upstream ignores ports without a name (nil, not "") and port 0.
      if (port.name === undefined || port.name === null || !port.port) continue;
      const name = port.name ? `${ns}/${service}:${port.name}` : `${ns}/${service}`;
      const key = endpointsKey(name, port.protocol ?? 'TCP');
      let set = sets.get(key);
      if (!set) sets.set(key, (set = new Map()));
      addEndpoints(set, slice, port.port, nodeName);
    }
  }
  const out = new Map<string, EndpointInfo[]>();
  for (const [key, set] of sets) {
    if (set.size === 0) continue;
    out.set(key, [...set.values()].sort(byEndpoint));
  }
  return out;
}

function addEndpoints(set: Map<string, EndpointInfo>, slice: EndpointSlice, port: number, nodeName: string): void {
  for (const ep of slice.endpoints ?? []) {
    const address = ep.addresses?.[0];
    if (address === undefined) continue;
    const ip = parseIPv4(address);
    if (ip === null) continue;
    const c = ep.conditions;
    const info: EndpointInfo = {
      ip,
      endpoint: `${ip}:${port}`,
      isLocal: nodeName.length > 0 && ep.nodeName === nodeName,
      // Unset conditions mean ready and serving, as in the API's documentation.
      ready: c?.ready !== false,
      serving: c?.serving !== false,
      terminating: c?.terminating === true,
      zoneHints: hintSet(ep.hints?.forZones),
      nodeHints: hintSet(ep.hints?.forNodes),
    };
    // Two pods may briefly share an IP (one terminating); prefer the live one.
    if (!set.has(info.endpoint) || !info.terminating) set.set(info.endpoint, info);
  }
}

function hintSet(hints: readonly { name: string }[] | undefined): ReadonlySet<string> | null {
  return hints && hints.length > 0 ? new Set(hints.map((h) => h.name)) : null;
}

export function byEndpoint(a: EndpointInfo, b: EndpointInfo): number {
  return a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0;
}
