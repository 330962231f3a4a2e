// Writing responses as kube-apiserver does: compact JSON, pretty-printed for
// curl and wget (as upstream does for humans) or when ?pretty=true.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Status } from '../../api/types';

export function wantsPretty(req: IncomingMessage, query: URLSearchParams): boolean {
  const pretty = query.get('pretty');
  if (pretty !== null) return pretty === '' || pretty === 'true' || pretty === '1';
  return /^(curl|wget)\//i.test(req.headers['user-agent'] ?? '');
}

/**
 * JSON as Go's encoder writes it: <, >, & and the line separators escaped
 * (they can only occur inside strings, so a textual replace is safe).
 */
export function goJSON(body: unknown, pretty = false): string {
  const text = pretty ? `${JSON.stringify(body, null, 2)}\n` : JSON.stringify(body);
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function sendJSON(res: ServerResponse, code: number, body: unknown, pretty = false): void {
  // As bytes: Node writes the header block in the encoding of a string body (UTF-8), but as
  // Latin-1 before a Buffer, so header values carry exactly the bytes they spell (see warningHeaderValue).
  const bytes = Buffer.from(goJSON(body, pretty), 'utf8');
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': bytes.length,
    'Cache-Control': 'no-cache, private',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(bytes);
}

export function sendStatus(res: ServerResponse, status: Status, pretty = false): void {
  sendJSON(res, status.code || 500, status, pretty);
}

export function sendText(res: ServerResponse, code: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private' });
  res.end(text);
}
