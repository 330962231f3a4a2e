// Older kube-proxy (before 1.24) held every NodePort open with a listening
// socket of its own, so no other program could take the port; the lesson's
// `netstat -napt | grep 30200` shows it. The packets themselves never reach
// these sockets: the nat rules redirect them first.
import dgram from 'node:dgram';
import net from 'node:net';
import type { Service } from '../api/types';

type Holder = { close(): void };

export class NodePortHolder {
  private readonly held = new Map<string, Holder>();

  constructor(private readonly log: (line: string) => void) {}

  /** Opens what the services need and closes what they no longer need. */
  sync(services: readonly Service[]): void {
    const wanted = new Set<string>();
    for (const svc of services) {
      const type = svc.spec.type;
      if (type !== 'NodePort' && type !== 'LoadBalancer') continue;
      for (const port of svc.spec.ports ?? []) {
        if (port.nodePort) wanted.add(`${(port.protocol ?? 'TCP').toLowerCase()}:${port.nodePort}`);
      }
    }
    for (const [key, holder] of this.held) {
      if (wanted.has(key)) continue;
      holder.close();
      this.held.delete(key);
    }
    for (const key of wanted) if (!this.held.has(key)) this.open(key);
  }

  private open(key: string): void {
    const [protocol, portText] = key.split(':') as [string, string];
    const port = Number(portText);
    if (protocol === 'udp') {
      const socket = dgram.createSocket('udp4');
      socket.on('error', (err) => this.log(`cannot hold udp/${port}: ${err.message}`));
      socket.bind(port, '0.0.0.0');
      this.held.set(key, { close: () => socket.close() });
      return;
    }
    if (protocol !== 'tcp') return;
    const server = net.createServer((conn) => conn.destroy());
    server.on('error', (err) => this.log(`cannot hold tcp/${port}: ${err.message}`));
    server.listen(port, '0.0.0.0');
    this.held.set(key, { close: () => server.close() });
  }

  closeAll(): void {
    for (const holder of this.held.values()) holder.close();
    this.held.clear();
  }
}
