// Terminal sizes on the resize channel: a stream of JSON objects
// (`{"Width":80,"Height":24}`), decoded as Go's json.Decoder does, whatever
// way the client's writes were cut into frames.

export interface TerminalSize {
  width: number;
  height: number;
}

/**
 * An unfinished object longer than this is garbage (a real one is some 25 bytes): it is
 * dropped, or a client could make the server hold, and rescan, all it ever sent.
 */
export const MAX_PENDING_RESIZE = 4096;

export class ResizeDecoder {
  private text = '';

  constructor(private readonly onSize: (size: TerminalSize) => void) {}

  /** Characters held while waiting for the rest of an object. */
  get pending(): number {
    return this.text.length;
  }

  push(chunk: Buffer | string): void {
    this.text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    // A chunk far beyond any real size: only its tail can still matter.
    if (this.text.length > MAX_PENDING_RESIZE + 64 * 1024) this.text = this.text.slice(-MAX_PENDING_RESIZE);
    this.drain();
    if (this.text.length > MAX_PENDING_RESIZE) {
      // An object that never ends: keep only what could still begin one, and read on from there.
      const last = this.text.lastIndexOf('{');
      this.text = last > 0 ? this.text.slice(last) : '';
      this.drain();
      if (this.text.length > MAX_PENDING_RESIZE) this.text = '';
    }
  }

  private drain(): void {
    for (;;) {
      const end = objectEnd(this.text);
      if (end < 0) break;
      const raw = this.text.slice(0, end);
      this.text = this.text.slice(end);
      try {
        const v = JSON.parse(raw) as { Width?: unknown; Height?: unknown };
        const width = Number(v.Width);
        const height = Number(v.Height);
        // Clamp to what a terminal can be; a zero size is meaningless to Docker.
        if (width > 0 && height > 0) this.onSize({ width: Math.min(Math.floor(width), 65535), height: Math.min(Math.floor(height), 65535) });
      } catch {
        // A malformed object: skip it, as the kubelet's decoder loop ends on errors anyway.
      }
    }
    // Anything that cannot start an object is noise.
    if (!/^\s*(\{|$)/.test(this.text)) this.text = this.text.replace(/^[^{]*/, '');
  }
}

/** Index just past the first complete top-level object, or -1. */
function objectEnd(text: string): number {
  const start = text.indexOf('{');
  if (start < 0) return -1;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i + 1;
  }
  return -1;
}
