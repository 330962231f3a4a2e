// One DNS question over UDP to a local server, for the tests: the reply, or
// null when none comes in time (silence is an answer some tests expect).
import { createSocket } from 'node:dgram';

export function udpExchange(port: number, packet: Uint8Array, waitMs = 1000, host = '127.0.0.1'): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const s = createSocket('udp4');
    const timer = setTimeout(() => {
      s.close();
      resolve(null);
    }, waitMs);
    s.on('message', (msg) => {
      clearTimeout(timer);
      s.close();
      resolve(msg);
    });
    s.send(packet, port, host);
  });
}
