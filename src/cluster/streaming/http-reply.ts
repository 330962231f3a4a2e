// Plain HTTP answers written straight onto a socket, for upgrade requests the
// server refuses before any protocol switch (kubectl then prints
// `error: unable to upgrade connection: <body>`).
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

export function writeHttpResponse(socket: Duplex, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  if (socket.destroyed) return;
  const payload = Buffer.from(body);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      `Content-Type: ${contentType}\r\n` +
      `Content-Length: ${payload.length}\r\n` +
      'Connection: close\r\n\r\n' +
      payload.toString('latin1'),
    'latin1',
  );
}
