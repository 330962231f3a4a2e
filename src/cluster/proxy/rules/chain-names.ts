// Chain names, as upstream's proxier.go spells them. The per-service chains
// share one hash of "servicePortName + lowercase protocol"; an endpoint chain
// hashes the endpoint's "ip:port" too.
import { hash16 } from './hash';

export const KUBE_SERVICES = 'KUBE-SERVICES';
export const KUBE_EXTERNAL_SERVICES = 'KUBE-EXTERNAL-SERVICES';
export const KUBE_NODEPORTS = 'KUBE-NODEPORTS';
export const KUBE_POSTROUTING = 'KUBE-POSTROUTING';
export const KUBE_MARK_MASQ = 'KUBE-MARK-MASQ';
export const KUBE_FORWARD = 'KUBE-FORWARD';
export const KUBE_PROXY_FIREWALL = 'KUBE-PROXY-FIREWALL';
/** kubelet's anti-martian chain, duplicated by kube-proxy. */
export const KUBE_FIREWALL = 'KUBE-FIREWALL';

const SVC = 'KUBE-SVC-';
const SVL = 'KUBE-SVL-';
const FW = 'KUBE-FW-';
const EXT = 'KUBE-EXT-';
const SEP = 'KUBE-SEP-';

export interface ServicePortChains {
  /** Endpoints for "Cluster" traffic policy. */
  cluster: string;
  /** Local endpoints for "Local" traffic policy. */
  local: string;
  /** loadBalancerSourceRanges filter. */
  firewall: string;
  /** Entry point of all external (NodePort, LB, external IP) traffic. */
  external: string;
}

export function servicePortChains(servicePortName: string, protocolLower: string): ServicePortChains {
  const h = hash16(servicePortName + protocolLower);
  return { cluster: SVC + h, local: SVL + h, firewall: FW + h, external: EXT + h };
}

export function endpointChain(servicePortName: string, protocolLower: string, endpoint: string): string {
  return SEP + hash16(servicePortName + protocolLower + endpoint);
}

// sha256 is the costliest step of a sync, and a resync asks for the same
// names again, so endpoint chain names are memoised: by service port, then by
// "ip:port", which spares building a long key string per endpoint. Bounded so
// a long-running proxy with churning endpoints does not grow without limit.
const CACHE_LIMIT = 200_000;
const sepCache = new Map<string, Map<string, string>>();
let cached = 0;

/** Memoised endpoint chain names of one service port (key: "name/PROTOCOL"). */
export function endpointChainsOf(key: string, servicePortName: string, protocolLower: string): (endpoint: string) => string {
  let names = sepCache.get(key);
  if (!names) sepCache.set(key, (names = new Map()));
  const known = names;
  return (endpoint) => {
    let name = known.get(endpoint);
    if (name === undefined) {
      name = endpointChain(servicePortName, protocolLower, endpoint);
      if (++cached > CACHE_LIMIT) clearNameCache();
      known.set(endpoint, name);
    }
    return name;
  };
}

/** Forgets memoised names: the next sync hashes from scratch (a benchmark's cold start). */
export function clearNameCache(): void {
  sepCache.clear();
  cached = 0;
}

/** True for the per-service chains a sync deletes once they are no longer used. */
export function isServiceChainName(chain: string): boolean {
  return chain.startsWith(SVC) || chain.startsWith(SVL) || chain.startsWith(SEP) || chain.startsWith(FW) || chain.startsWith(EXT);
}

export function chainLine(chain: string): string {
  return `:${chain} - [0:0]`;
}
