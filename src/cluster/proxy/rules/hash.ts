// The 16-character hash in every KUBE-SVC/SVL/EXT/FW/SEP chain name:
// the first 16 characters of base32(sha256(text)), as upstream's
// portProtoHash and servicePortEndpointChainName compute it. Chain names must
// stay within iptables' 28-character limit, hence the truncation.
import { sha256Head } from './sha256';

// RFC 4648 base32 alphabet, as character codes.
const B32 = Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', (c) => c.charCodeAt(0));

/** First 16 base32 characters (the first 80 bits) of sha256(text). */
export function hash16(text: string): string {
  const [w0, w1, w2] = sha256Head(text);
  // 80 bits = w0 (32) + w1 (32) + the top 16 of w2, taken 5 at a time.
  return String.fromCharCode(
    B32[w0 >>> 27]!, B32[(w0 >>> 22) & 31]!, B32[(w0 >>> 17) & 31]!, B32[(w0 >>> 12) & 31]!,
    B32[(w0 >>> 7) & 31]!, B32[(w0 >>> 2) & 31]!, B32[((w0 & 3) << 3) | (w1 >>> 29)]!, B32[(w1 >>> 24) & 31]!,
    B32[(w1 >>> 19) & 31]!, B32[(w1 >>> 14) & 31]!, B32[(w1 >>> 9) & 31]!, B32[(w1 >>> 4) & 31]!,
    B32[((w1 & 15) << 1) | (w2 >>> 31)]!, B32[(w2 >>> 26) & 31]!, B32[(w2 >>> 21) & 31]!, B32[(w2 >>> 16) & 31]!,
  );
}
