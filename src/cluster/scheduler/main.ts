// kube-scheduler: places the default scheduler's pods on nodes, talking to
// the API server named by --kubeconfig.
import http from 'node:http';
import { flag, parseComponentFlags } from '../client/flags';
import { readKubeconfig } from '../client/kubeconfig';
import { RestClient } from '../client/rest';
import { Scheduler } from './scheduler';

const log = (line: string) => console.log(`${new Date().toISOString()} kube-scheduler: ${line}`);

async function main(): Promise<void> {
  const flags = parseComponentFlags(process.argv.slice(2));
  const server = flags.get('master') ?? readKubeconfig(flag(flags, 'kubeconfig'));
  const client = new RestClient(server, 'kube-scheduler/v1.35.2 (linux/amd64) kubernetes/kubelab');
  const scheduler = new Scheduler({ client, log });
  // Health as upstream serves it on 127.0.0.1:10259 (plain http in the lab).
  const port = Number(flag(flags, 'secure-port', '10259'));
  if (port > 0) {
    const health = http.createServer((req, res) => {
      res.writeHead(/^\/(healthz|livez|readyz)/.test(req.url ?? '') ? 200 : 404, { 'content-type': 'text/plain' });
      res.end('ok');
    });
    health.on('error', (err) => log(`health endpoint: ${err.message}`));
    health.listen(port, flag(flags, 'bind-address', '127.0.0.1'));
  }
  const exit = () => {
    scheduler.stop();
    process.exit(0);
  };
  process.on('SIGTERM', exit);
  process.on('SIGINT', exit);
  await scheduler.start();
  log('started');
}

main().catch((err: unknown) => {
  log(`fatal: ${(err as Error)?.stack ?? err}`);
  process.exit(1);
});
