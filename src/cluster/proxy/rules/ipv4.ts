// IPv4 text as kube-proxy reads it. Kubernetes parses addresses "sloppily"
// (k8s.io/utils/net ParseIPSloppy: leading zeros allowed, read as decimal) and
// writes them back in canonical dotted-quad form, so "010.0.0.1" in an object
// becomes "10.0.0.1" in the rules. This proxier is IPv4-only, as the lab is.

/** Canonical dotted quad, or null if `text` is not an IPv4 address. */
export function parseIPv4(text: string): string | null {
  // Most addresses are already canonical: keep the string rather than rebuild it.
  if (isCanonicalIPv4(text)) return text;
  const n = ipv4ToNumber(text);
  return n === null ? null : numberToIPv4(n);
}

function isCanonicalIPv4(s: string): boolean {
  let dots = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || ++dots > 3) return false;
      digits = 0;
      value = 0;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9 || (digits === 1 && value === 0)) return false;
    value = value * 10 + d;
    if (++digits > 3 || value > 255) return false;
  }
  return dots === 3 && digits > 0;
}

/** The address as an unsigned 32-bit number, or null. */
export function ipv4ToNumber(text: string): number | null {
  // Go's net.IP treats an IPv4-mapped IPv6 address as IPv4.
  const s = text.startsWith('::ffff:') ? text.slice(7) : text;
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const part of parts) {
    if (part.length === 0 || part.length > 3) return null;
    let v = 0;
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return null;
      v = v * 10 + c;
    }
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n;
}

export function numberToIPv4(n: number): string {
  return `${Math.floor(n / 16777216) % 256}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

export interface IPv4Cidr {
  /** Canonical text: the network address, as Go's net.IPNet.String() prints it. */
  text: string;
  contains(ip: string): boolean;
}

/** Parses "a.b.c.d/n" as Go's ParseCIDR does: the host bits are masked off. */
export function parseIPv4Cidr(text: string): IPv4Cidr | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const base = ipv4ToNumber(text.slice(0, slash));
  const bitsText = text.slice(slash + 1);
  if (base === null || !/^[0-9]{1,2}$/.test(bitsText)) return null;
  const bits = Number(bitsText);
  if (bits > 32) return null;
  const size = 2 ** (32 - bits);
  const network = base - (base % size);
  return {
    text: `${numberToIPv4(network)}/${bits}`,
    contains(ip: string): boolean {
      const n = ipv4ToNumber(ip);
      return n !== null && n >= network && n < network + size;
    },
  };
}
