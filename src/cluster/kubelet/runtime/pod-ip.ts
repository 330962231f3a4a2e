// Pod addresses on the node's /24: the lowest free one from .2 up. The node
// owns .1 (the pods' gateway), .0 and .255 are the network and broadcast
// addresses, and .240–.255 is Docker's own dynamic range on the pod network
// (the node's address before it takes the gateway lives there).

const FIRST_HOST = 2;
const DOCKER_RANGE_START = 240;

function parseCIDR24(cidr: string): string {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.0\/24$/.exec(cidr);
  if (!m || [m[1], m[2], m[3]].some((o) => Number(o) > 255)) throw new Error(`pod CIDR ${cidr} is not a /24 network address`);
  return `${m[1]}.${m[2]}.${m[3]}`;
}

/** The lowest free pod address, or null when all 238 are in use. */
export function allocatePodIP(podCIDR: string, inUse: Iterable<string>): string | null {
  const prefix = parseCIDR24(podCIDR);
  const taken = new Set(inUse);
  for (let host = FIRST_HOST; host < DOCKER_RANGE_START; host++) {
    const ip = `${prefix}.${host}`;
    if (!taken.has(ip)) return ip;
  }
  return null;
}

/** Whether an address is one the kubelet may hand to a pod on this node. */
export function isPodIP(podCIDR: string, ip: string): boolean {
  const prefix = parseCIDR24(podCIDR);
  if (!ip.startsWith(`${prefix}.`)) return false;
  const host = Number(ip.slice(prefix.length + 1));
  return Number.isInteger(host) && host >= FIRST_HOST && host < DOCKER_RANGE_START;
}
