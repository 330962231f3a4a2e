// The pod-template-hash: a stable, short, DNS-safe digest of a pod template
// (and the collision count), as controller.ComputeHash names new ReplicaSets.
// Upstream hashes Go's spew dump of the struct; we hash canonical JSON, so the
// values differ from a real cluster's but look and behave the same.
import type { PodTemplateSpec } from '../../api/types';

/** rand.SafeEncodeString's alphabet: no vowels, no look-alikes. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const keys = Object.keys(v as object).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

function fnv32a(bytes: Uint8Array, hash = 0x811c9dc5): number {
  for (const b of bytes) {
    hash ^= b;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  let hash = fnv32a(Buffer.from(canonical(template), 'utf8'));
  if (collisionCount !== undefined && collisionCount !== null) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(collisionCount >>> 0);
    hash = fnv32a(b, hash);
  }
  return safeEncodeString(String(hash));
}
