// Domain names in presentation form, as the rest of the DNS code uses them:
// no trailing dot, "" for the root, "\." for a dot inside a label and "\DDD"
// for a byte that is not printable. Comparisons ignore ASCII case (RFC 4343).
import { formatIpv4, formatIpv6, ipv4Bytes, ipv6Bytes } from './ip';

/** Splits a presentation name into its labels, escapes kept as written. */
export function splitName(name: string): string[] {
  const n = stripDot(name);
  if (n === '') return [];
  const labels: string[] = [];
  let current = '';
  for (let i = 0; i < n.length; i++) {
    const c = n[i]!;
    if (c === '\\' && i + 1 < n.length) {
      current += c + n[i + 1];
      i++;
    } else if (c === '.') {
      labels.push(current);
      current = '';
    } else current += c;
  }
  labels.push(current);
  return labels;
}

export function joinName(...parts: string[]): string {
  return parts.map(stripDot).filter((p) => p !== '').join('.');
}

/** "a.b." and "a.b" are the same name; a lone "." is the root. */
export function stripDot(name: string): string {
  if (name === '.') return '';
  if (name.endsWith('.') && !name.endsWith('\\.')) return name.slice(0, -1);
  return name;
}

export function lowerName(name: string): string {
  return stripDot(name).replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export function sameName(a: string, b: string): boolean {
  return lowerName(a) === lowerName(b);
}

/** True when `child` equals `parent` or lies below it. */
export function isSubdomain(child: string, parent: string): boolean {
  const c = splitName(lowerName(child));
  const p = splitName(lowerName(parent));
  if (p.length > c.length) return false;
  for (let i = 1; i <= p.length; i++) if (c[c.length - i] !== p[p.length - i]) return false;
  return true;
}

/** The labels of `name` left of `zone` (which must contain it), in order. */
export function labelsBelow(name: string, zone: string): string[] {
  const labels = splitName(name);
  return labels.slice(0, labels.length - splitName(zone).length);
}

/** Bytes of one presentation label (escapes resolved). */
export function labelBytes(label: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < label.length; i++) {
    const c = label.charCodeAt(i);
    if (c === 0x5c && i + 1 < label.length) {
      const d = label.slice(i + 1, i + 4);
      if (/^[0-9]{3}$/.test(d) && Number(d) < 256) {
        out.push(Number(d));
        i += 3;
      } else {
        out.push(label.charCodeAt(i + 1) & 0xff);
        i += 1;
      }
    } else if (c < 0x80) out.push(c);
    else for (const b of Buffer.from(label[i]!, 'utf8')) out.push(b);
  }
  return out;
}

/** Presentation form of one wire label. */
export function labelText(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) {
    if (b === 0x2e || b === 0x5c) s += '\\' + String.fromCharCode(b);
    else if (b < 0x21 || b > 0x7e) s += '\\' + String(b).padStart(3, '0');
    else s += String.fromCharCode(b);
  }
  return s;
}

export const IP4_ARPA = 'in-addr.arpa';
export const IP6_ARPA = 'ip6.arpa';

/**
 * The address a full reverse name stands for ("4.3.2.1.in-addr.arpa" -> "1.2.3.4"),
 * or null for a partial or malformed one, as CoreDNS's ExtractAddressFromReverse.
 */
export function addressFromReverse(name: string): string | null {
  const n = lowerName(name);
  if (n.endsWith('.' + IP4_ARPA)) {
    const parts = n.slice(0, -(IP4_ARPA.length + 1)).split('.').reverse();
    if (parts.length !== 4 || parts.some((p) => !/^[0-9]{1,3}$/.test(p))) return null;
    const bytes = ipv4Bytes(parts.map(Number).join('.'));
    return bytes ? formatIpv4(bytes) : null;
  }
  if (n.endsWith('.' + IP6_ARPA)) {
    const nibbles = n.slice(0, -(IP6_ARPA.length + 1)).split('.').reverse();
    if (nibbles.length !== 32 || nibbles.some((p) => !/^[0-9a-f]$/.test(p))) return null;
    const groups: string[] = [];
    for (let i = 0; i < 32; i += 4) groups.push(nibbles.slice(i, i + 4).join(''));
    const bytes = ipv6Bytes(groups.join(':'));
    return bytes ? formatIpv6(bytes) : null;
  }
  return null;
}

/** The reverse name of an address ("1.2.3.4" -> "4.3.2.1.in-addr.arpa"). */
export function reverseName(ip: string): string | null {
  const v4 = ipv4Bytes(ip);
  if (v4) return `${Array.from(v4).reverse().join('.')}.${IP4_ARPA}`;
  const v6 = ipv6Bytes(ip);
  if (!v6) return null;
  const nibbles: string[] = [];
  for (const b of v6) nibbles.push((b >> 4).toString(16), (b & 15).toString(16));
  return `${nibbles.reverse().join('.')}.${IP6_ARPA}`;
}
