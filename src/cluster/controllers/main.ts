// kube-controller-manager: the lab's controllers in one process, talking to
// the API server named by --kubeconfig. Flags follow upstream's names.
import http from 'node:http';
import { flag, parseComponentFlags } from '../client/flags';
import { readKubeconfig } from '../client/kubeconfig';
import { RestClient } from '../client/rest';
import { parseDuration } from './framework/duration';
import { startControllerManager } from './manager';

const log = (line: string) => console.log(`${new Date().toISOString()} kube-controller-manager: ${line}`);

function main(): void {
  const flags = parseComponentFlags(process.argv.slice(2));
  const server = flags.get('master') ?? readKubeconfig(flag(flags, 'kubeconfig'));
  const client = new RestClient(server, 'kube-controller-manager/v1.35.2 (linux/amd64) kubernetes/kubelab');
  const manager = startControllerManager({
    client,
    log,
    controllers: flag(flags, 'controllers', '*').split(',').filter(Boolean),
    nodeMonitorGracePeriodMs: parseDuration(flag(flags, 'node-monitor-grace-period', '40s')),
    nodeMonitorPeriodMs: parseDuration(flag(flags, 'node-monitor-period', '5s')),
    cloudEndpoint: flags.get('cloud-provider-endpoint'),
  });
  manager.ready.catch((err: unknown) => log(`fatal: ${(err as Error)?.stack ?? err}`));

  // Health as upstream serves it on 127.0.0.1:10257 (plain http here, like the rest of the lab).
  const port = Number(flag(flags, 'secure-port', '10257'));
  if (port > 0) {
    const health = http.createServer((req, res) => {
      res.writeHead(req.url?.startsWith('/healthz') || req.url?.startsWith('/livez') || req.url?.startsWith('/readyz') ? 200 : 404, { 'content-type': 'text/plain' });
      res.end('ok');
    });
    health.on('error', (err) => log(`health endpoint: ${err.message}`));
    health.listen(port, flag(flags, 'bind-address', '127.0.0.1'));
  }
  const exit = () => void manager.stop().then(() => process.exit(0));
  process.on('SIGTERM', exit);
  process.on('SIGINT', exit);
}

main();
