// The remote-command WebSocket protocols kubectl speaks for exec and attach
// (k8s.io/apimachinery wsstream, client-go tools/remotecommand): every message
// is one binary frame whose first byte names the stream. kubectl 1.30+ offers
// only v5.channel.k8s.io; the older names stay for other clients (Lens,
// Headlamp, scripts), the base64 ones for browsers.

export const CHANNEL = {
  stdin: 0,
  stdout: 1,
  stderr: 2,
  /** The final metav1.Status (v4+) or error text (v1). */
  error: 3,
  /** Terminal size as JSON `{"Width":W,"Height":H}`. */
  resize: 4,
  /** v5 only: `[255, n]` from the client closes its stream n (stdin). */
  close: 255,
} as const;

export const PROTOCOL = {
  v5: 'v5.channel.k8s.io',
  v4: 'v4.channel.k8s.io',
  v4Base64: 'v4.base64.channel.k8s.io',
  v1: 'channel.k8s.io',
  v1Base64: 'base64.channel.k8s.io',
} as const;

export type Protocol = (typeof PROTOCOL)[keyof typeof PROTOCOL];

export interface ProtocolTraits {
  /** Frames carry base64 text with an ASCII channel digit instead of bytes. */
  base64: boolean;
  /** The status is a metav1.Status JSON (v4+) rather than an error text sent only on failure. */
  jsonStatus: boolean;
  /** The client can close stdin alone (`0xFF 0x00`). */
  closeSignal: boolean;
}

export const TRAITS: Record<Protocol, ProtocolTraits> = {
  [PROTOCOL.v5]: { base64: false, jsonStatus: true, closeSignal: true },
  [PROTOCOL.v4]: { base64: false, jsonStatus: true, closeSignal: false },
  [PROTOCOL.v4Base64]: { base64: true, jsonStatus: true, closeSignal: false },
  [PROTOCOL.v1]: { base64: false, jsonStatus: false, closeSignal: false },
  [PROTOCOL.v1Base64]: { base64: true, jsonStatus: false, closeSignal: false },
};

const SUPPORTED = new Set<string>(Object.values(PROTOCOL));

/** The first protocol the client offers that the server speaks (wsstream's handshake order). */
export function selectProtocol(offered: Iterable<string>): Protocol | null {
  for (const p of offered) if (SUPPORTED.has(p)) return p as Protocol;
  return null;
}

export function encodeFrame(channel: number, data: Uint8Array, base64 = false): Buffer | string {
  if (base64) return String.fromCharCode(48 + channel) + Buffer.from(data).toString('base64');
  const frame = Buffer.allocUnsafe(data.length + 1);
  frame[0] = channel;
  frame.set(data, 1);
  return frame;
}

/** A client frame; null for an empty one (which wsstream ignores). */
export function decodeFrame(message: Buffer | string, base64 = false): { channel: number; data: Buffer } | null {
  if (base64) {
    const text = typeof message === 'string' ? message : message.toString('latin1');
    if (text.length === 0) return null;
    return { channel: text.charCodeAt(0) - 48, data: Buffer.from(text.slice(1), 'base64') };
  }
  const buf = typeof message === 'string' ? Buffer.from(message) : message;
  if (buf.length === 0) return null;
  return { channel: buf[0]!, data: buf.subarray(1) };
}
