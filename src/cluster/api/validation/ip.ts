// IP and CIDR checks as k8s.io/apimachinery/pkg/util/validation/ip.go and
// k8s.io/utils/net do them. Upstream parses "sloppily": IPv4 octets may carry
// leading zeros (010.1.1.1 is 10.1.1.1), which Node's own parser refuses.

import { isIPv6 } from 'node:net';
import { fieldErrors as fe, type FieldError, type FieldPath } from '../errors';

/** An IPv4 address as its 32-bit number, or undefined. */
export function parseIPv4(value: string): number | undefined {
  const parts = value.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

export function formatIPv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export type IPFamily = 'IPv4' | 'IPv6';

/** The family of a sloppily parsed IP, or undefined when it is not an IP at all. */
export function ipFamilyOf(value: string): IPFamily | undefined {
  if (parseIPv4(value) !== undefined) return 'IPv4';
  if (isIPv6(value)) {
    // An IPv4-mapped address is IPv4 to Go's net.IP.
    return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(value) ? 'IPv4' : 'IPv6';
  }
  return undefined;
}

export function isValidIP(path: FieldPath | string, value: string): FieldError[] {
  return ipFamilyOf(value) === undefined
    ? [fe.invalid(path, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')]
    : [];
}

export function isValidIPv4Address(path: FieldPath | string, value: string): FieldError[] {
  return ipFamilyOf(value) === 'IPv4' ? [] : [fe.invalid(path, value, 'must be a valid IPv4 address')];
}

export function isValidIPv6Address(path: FieldPath | string, value: string): FieldError[] {
  return ipFamilyOf(value) === 'IPv6' ? [] : [fe.invalid(path, value, 'must be a valid IPv6 address')];
}

export interface IPv4Cidr {
  base: number; // the network address
  prefix: number;
  size: number; // number of addresses
}

export function parseIPv4Cidr(value: string): IPv4Cidr | undefined {
  const m = /^([^/]+)\/([0-9]{1,2})$/.exec(value);
  if (!m) return undefined;
  const ip = parseIPv4(m[1]);
  const prefix = Number(m[2]);
  if (ip === undefined || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  return { base: ip - (ip % size), prefix, size };
}

export function isValidCIDR(path: FieldPath | string, value: string): FieldError[] {
  const m = /^([^/]+)\/([0-9]{1,3})$/.exec(value);
  const fam = m ? ipFamilyOf(m[1]) : undefined;
  const ok = m !== null && fam !== undefined && Number(m[2]) <= (fam === 'IPv4' ? 32 : 128);
  return ok ? [] : [fe.invalid(path, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

/** Go's net.IP.String() for what parses: IPv4 loses leading zeros. */
export function canonicalIP(value: string): string {
  const v4 = parseIPv4(value);
  return v4 === undefined ? value.toLowerCase() : formatIPv4(v4);
}

function inV4(ip: number, cidr: string): boolean {
  const c = parseIPv4Cidr(cidr);
  return c !== undefined && ip >= c.base && ip < c.base + c.size;
}

/** The eight 16-bit groups of an IPv6 address (validated by node:net first). */
export function ipv6Groups(value: string): number[] | undefined {
  if (!isIPv6(value)) return undefined;
  let text = value.toLowerCase();
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const v4 = parseIPv4(tail[1]);
    if (v4 === undefined) return undefined;
    text = `${text.slice(0, -tail[1].length)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const [head, rest] = text.split('::');
  const parse = (s: string | undefined): number[] => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const h = parse(head);
  const r = parse(rest);
  if (rest === undefined) return h;
  return [...h, ...new Array<number>(8 - h.length - r.length).fill(0), ...r];
}

/**
 * ValidateNonSpecialIP / ValidateEndpointIP: unspecified, loopback and
 * link-local addresses make no sense as endpoints or external IPs.
 */
export function validateNonSpecialIP(value: string, path: FieldPath | string): FieldError[] {
  let v4 = parseIPv4(value);
  const g = v4 === undefined ? ipv6Groups(value) : undefined;
  if (g && g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) v4 = g[6] * 65536 + g[7];
  const unspecified = v4 !== undefined ? v4 === 0 : g !== undefined && g.every((x) => x === 0);
  const loopback = v4 !== undefined ? inV4(v4, '127.0.0.0/8') : g !== undefined && g.slice(0, 7).every((x) => x === 0) && g[7] === 1;
  const linkLocal = v4 !== undefined ? inV4(v4, '169.254.0.0/16') : g !== undefined && (g[0] & 0xffc0) === 0xfe80;
  const linkLocalMulticast = v4 !== undefined ? inV4(v4, '224.0.0.0/24') : g !== undefined && (g[0] & 0xff0f) === 0xff02;
  const errs: FieldError[] = [];
  if (unspecified) errs.push(fe.invalid(path, value, `may not be unspecified (${value})`));
  if (loopback) errs.push(fe.invalid(path, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (linkLocal) errs.push(fe.invalid(path, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (linkLocalMulticast) errs.push(fe.invalid(path, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}
