// endpoints.RepackSubsets (pkg/api/v1/endpoints/util.go): addresses grouped by
// the exact set of ports they offer; addresses sorted by IP then pod uid;
// ports sorted by the md5 of spew's %#v of each EndpointPort — which is why a
// real cluster lists kube-dns's ports as dns-tcp, dns, metrics.
import { createHash } from 'node:crypto';
import type { EndpointAddress, EndpointPort, EndpointSubset } from '../../api/types';

export interface AddressEntry {
  address: EndpointAddress;
  ready: boolean;
  /** undefined: an address without ports (a headless service without ports). */
  port?: EndpointPort;
}

/** spew's `%#v` of a v1.EndpointPort (hashutil.DeepHashObject), types in parentheses and strings bare. */
function spewSyntax(p: EndpointPort): string {
  const app = p.appProtocol === undefined ? '(*string)<nil>' : `(*string)${p.appProtocol}`;
  return `(v1.EndpointPort){Name:(string)${p.name ?? ''} Port:(int32)${p.port} Protocol:(v1.Protocol)${p.protocol ?? ''} AppProtocol:${app}}`;
}

export function portHash(p: EndpointPort): Buffer {
  return createHash('md5').update(spewSyntax(p)).digest();
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** LessEndpointAddress. */
export function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  const ip = compareBytes(a.ip, b.ip);
  if (ip !== 0) return ip;
  const ua = a.targetRef?.uid;
  const ub = b.targetRef?.uid;
  if (ub === undefined) return ua === undefined ? 0 : 1;
  if (ua === undefined) return -1;
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

const portKey = (p: EndpointPort) => JSON.stringify([p.name ?? '', p.port, p.protocol ?? '', p.appProtocol ?? null]);
const addressKey = (a: EndpointAddress) => `${a.ip}/${a.targetRef?.uid ?? ''}`;

export function repackSubsets(entries: AddressEntry[]): EndpointSubset[] {
  // Each port -> the addresses offering it, "not ready" winning over "ready".
  const addresses = new Map<string, EndpointAddress>();
  const byPort = new Map<string, { port: EndpointPort; ready: Map<string, boolean> }>();
  const portless = new Map<string, boolean>();
  for (const e of entries) {
    const ak = addressKey(e.address);
    if (!addresses.has(ak)) addresses.set(ak, e.address);
    let readyMap: Map<string, boolean>;
    if (!e.port) readyMap = portless;
    else {
      const pk = portKey(e.port);
      if (!byPort.has(pk)) byPort.set(pk, { port: e.port, ready: new Map() });
      readyMap = byPort.get(pk)!.ready;
    }
    const was = readyMap.get(ak);
    if (was === undefined || was) readyMap.set(ak, e.ready);
  }
  // Ports offered by exactly the same addresses (with the same readiness) share a subset.
  const groups = new Map<string, { ready: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const { port, ready } of byPort.values()) {
    const key = JSON.stringify([...ready.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
    if (!groups.has(key)) groups.set(key, { ready, ports: [] });
    groups.get(key)!.ports.push(port);
  }
  if (portless.size) groups.set('portless', { ready: portless, ports: [] });

  const subsets: EndpointSubset[] = [];
  for (const { ready, ports } of groups.values()) {
    const readyAddrs: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [ak, isReady] of ready) (isReady ? readyAddrs : notReady).push(addresses.get(ak)!);
    readyAddrs.sort(compareAddresses);
    notReady.sort(compareAddresses);
    const subset: EndpointSubset = {};
    if (readyAddrs.length) subset.addresses = readyAddrs;
    if (notReady.length) subset.notReadyAddresses = notReady;
    if (ports.length) subset.ports = [...ports].sort((a, b) => Buffer.compare(portHash(a), portHash(b)));
    subsets.push(subset);
  }
  // Upstream orders subsets by a hash that includes pointers (effectively random); we keep it stable.
  const first = (s: EndpointSubset) => (s.addresses ?? s.notReadyAddresses ?? [])[0]?.ip ?? '';
  return subsets.sort((a, b) => compareBytes(first(a), first(b)));
}
