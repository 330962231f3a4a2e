// The 16-character hash in every KUBE-SVC/SVL/EXT/FW/SEP chain name:
// the first 16 characters of base32(sha256(text)), as upstream's
// portProtoHash and servicePortEndpointChainName compute it. Chain names must
// stay within iptables' 28-character limit, hence the truncation.
import { createHash } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

// A resync of an unchanged cluster asks for the same names again; sha256 is
// the single most expensive step of rule generation, so names are memoised.
// Bounded so a long-running proxy with churning endpoints does not grow forever.
const CACHE_LIMIT = 200_000;
const cache = new Map<string, string>();

/** First 16 base32 characters (= the first 10 bytes) of sha256(text). */
export function hash16(text: string): string {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const d = createHash('sha256').update(text, 'utf8').digest();
  let out = '';
  for (let i = 0; i < 10; i += 5) {
    const b0 = d[i]!, b1 = d[i + 1]!, b2 = d[i + 2]!, b3 = d[i + 3]!, b4 = d[i + 4]!;
    out +=
      BASE32[b0 >> 3]! +
      BASE32[((b0 & 7) << 2) | (b1 >> 6)]! +
      BASE32[(b1 >> 1) & 31]! +
      BASE32[((b1 & 1) << 4) | (b2 >> 4)]! +
      BASE32[((b2 & 15) << 1) | (b3 >> 7)]! +
      BASE32[(b3 >> 2) & 31]! +
      BASE32[((b3 & 3) << 3) | (b4 >> 5)]! +
      BASE32[b4 & 31]!;
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, out);
  return out;
}

/** Forgets memoised hashes (for benchmarks that want a cold start). */
export function clearHashCache(): void {
  cache.clear();
}
