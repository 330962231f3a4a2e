// IP address text <-> bytes. Kubernetes objects carry addresses as text, and
// the same address must match however it was spelt ("fd00::1" vs "fd00:0::1"),
// so everything is brought to one canonical form (dotted quad, RFC 5952).
import { isIPv4, isIPv6 } from 'node:net';

export function ipv4Bytes(ip: string): Uint8Array | null {
  if (!isIPv4(ip)) return null;
  return Uint8Array.from(ip.split('.').map(Number));
}

export function ipv6Bytes(ip: string): Uint8Array | null {
  if (!isIPv6(ip)) return null;
  let text = ip;
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  const out = new Uint8Array(16);
  // A trailing dotted quad ("::ffff:1.2.3.4") becomes two groups.
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = ipv4Bytes(tail);
    if (!v4) return null;
    const hex = (v4[0]! * 256 + v4[1]!).toString(16) + ':' + (v4[2]! * 256 + v4[3]!).toString(16);
    text = text.slice(0, lastColon + 1) + hex;
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const fill = 8 - headGroups.length - tailGroups.length;
  const groups = rest === undefined ? headGroups : [...headGroups, ...Array<string>(fill).fill('0'), ...tailGroups];
  if (groups.length !== 8) return null;
  groups.forEach((g, i) => {
    const v = parseInt(g, 16);
    out[i * 2] = v >> 8;
    out[i * 2 + 1] = v & 0xff;
  });
  return out;
}

export function formatIpv4(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4)).join('.');
}

export function formatIpv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes[i]! * 256 + bytes[i + 1]!);
  // RFC 5952: the longest run (of two or more) of zero groups becomes "::", the first on a tie.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return hex.slice(0, bestStart).join(':') + '::' + hex.slice(bestStart + bestLen).join(':');
}

/** The canonical spelling of an IPv4 or IPv6 address, or null when `ip` is neither. */
export function canonicalIp(ip: string): string | null {
  const v4 = ipv4Bytes(ip);
  if (v4) return formatIpv4(v4);
  const v6 = ipv6Bytes(ip);
  return v6 ? formatIpv6(v6) : null;
}
