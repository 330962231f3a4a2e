// Terminal sizes on the resize channel: a stream of JSON objects
// (`{"Width":80,"Height":24}`), decoded as Go's json.Decoder does, whatever
// way the client's writes were cut into frames.

export interface TerminalSize {
  width: number;
  height: number;
}

export class ResizeDecoder {
  private text = '';

  constructor(private readonly onSize: (size: TerminalSize) => void) {}

  push(chunk: Buffer | string): void {
    this.text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
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
