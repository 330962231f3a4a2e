// kube-apiserver: the Kubernetes API over HTTP on --secure-port, objects in
// etcd (--etcd-servers), served from a watch cache.
import http from 'node:http';
import { flag, parseComponentFlags } from '../client/flags';
import { EtcdGateway } from '../etcd/gateway';
import { assembleApiServer } from './assemble';
import { bootstrap, reconcileKubernetesService } from './bootstrap';
import { serverDocuments } from './documents';
import { createApiHandler } from './server';
import { proxyUpgrade } from './subresources/upgrade';

const log = (line: string) => console.log(`${new Date().toISOString()} kube-apiserver: ${line}`);

async function main(): Promise<void> {
  const flags = parseComponentFlags(process.argv.slice(2));
  const etcd = new EtcdGateway(flag(flags, 'etcd-servers', 'http://127.0.0.1:2379').split(',')[0]!);
  const port = Number(flag(flags, 'secure-port', '6443'));
  const advertiseAddress = flag(flags, 'advertise-address', '127.0.0.1');
  const serviceCIDR = flag(flags, 'service-cluster-ip-range', '10.96.0.0/12');
  const nodePortRange = flag(flags, 'service-node-port-range', '30000-32767');
  const excluded = (flags.get('kubelab-excluded-ips') ?? '10.100.0.0/24').split(',').filter(Boolean);

  const { ctx, cache, start } = assembleApiServer(etcd, { serviceCIDR, nodePortRange, excluded }, log);

  // etcd may still be starting (it is supervised beside us): retry until it answers.
  for (let attempt = 0; ; attempt++) {
    try {
      await start();
      break;
    } catch (err) {
      if (attempt % 20 === 0) log(`waiting for etcd: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  log(`storage ready at revision ${cache.revision}`);

  let ready = false;
  const api = createApiHandler({ ctx, documents: serverDocuments(`${advertiseAddress}:${port}`), ready: () => ready, upgrade: (r, socket, head) => proxyUpgrade(r, socket, head, ctx) });
  const server = http.createServer({ keepAlive: true, keepAliveTimeout: 60_000 }, (req, res) => void api.handle(req, res));
  server.on('upgrade', (req, socket, head) => api.upgrade(req, socket, head));
  server.headersTimeout = 0;
  server.requestTimeout = 0;
  await new Promise<void>((resolve) => server.listen(port, '0.0.0.0', resolve));
  log(`serving on :${port}`);

  const boot = { advertiseAddress, securePort: port, kubernetesServiceIP: '10.96.0.1', dnsServiceIP: '10.96.0.10' };
  await bootstrap(ctx, boot);
  ready = true;
  log('bootstrap done; ready');
  // Upstream's endpoint reconciler and its controller for the `kubernetes` service run every 10 s.
  setInterval(() => void reconcileKubernetesService(ctx, boot).catch((err: Error) => log(`reconcile kubernetes service: ${err.message}`)), 10_000);
}

main().catch((err: unknown) => {
  log(`fatal: ${(err as Error)?.stack ?? err}`);
  process.exit(1);
});
