// coredns: the cluster DNS as it runs in its kube-system pods. It watches
// Services, EndpointSlices, Pods and Namespaces through the `kubernetes`
// service (as a pod would) and answers on :53; other names go to the
// upstream servers of its own resolv.conf (the cloud's DNS).
import { readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import type { KubeObject } from '../api/types';
import { Informer } from '../client/informer';
import { R, RestClient, type ResourceRef } from '../client/rest';
import { createDnsServer } from './server';
import { DnsObjectSource } from './source';

const log = (line: string) => console.log(`[INFO] ${line}`);

function upstreamsFromResolvConf(path = '/etc/resolv.conf'): string[] {
  try {
    return readFileSync(path, 'utf8')
      .split('\n')
      .map((l) => l.trim().match(/^nameserver\s+(\S+)/)?.[1])
      .filter((x): x is string => Boolean(x));
  } catch {
    return [];
  }
}

function podIPs(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
}

async function main(): Promise<void> {
  const host = process.env.KUBERNETES_SERVICE_HOST ?? '10.96.0.1';
  const port = process.env.KUBERNETES_SERVICE_PORT ?? '443';
  const client = new RestClient(`http://${host}:${port}`, 'coredns');
  const source = new DnsObjectSource();
  source.setSynced(false);

  const kinds: [ResourceRef, string][] = [
    [R.services, 'Service'],
    [R.endpointslices, 'EndpointSlice'],
    [R.pods, 'Pod'],
    [R.namespaces, 'Namespace'],
  ];
  const informers = kinds.map(([ref, kind]) => {
    // Items of a list carry no kind; the index needs it.
    const typed = (o: KubeObject) => ({ ...o, kind });
    const informer = new Informer(client, ref, { log: (l) => console.log(`[WARNING] plugin/kubernetes: ${l}`) });
    informer.on({
      add: (o) => source.apply('ADDED', typed(o)),
      update: (o) => source.apply('MODIFIED', typed(o)),
      delete: (o) => source.apply('DELETED', typed(o)),
    });
    return informer.start();
  });
  const allSynced = () => informers.every((i) => i.synced);
  void Promise.all(informers.map((i) => i.waitForSync())).then(() => {
    source.setSynced(true);
    log('plugin/kubernetes: synced');
  });

  const upstreams = upstreamsFromResolvConf().filter((ip) => !ip.startsWith('127.'));
  const server = createDnsServer({ host: '0.0.0.0', port: 53, source, upstreams, zone: { localIPs: podIPs() }, onError: (err: unknown) => console.log(`[ERROR] ${(err as Error).message}`) });
  await server.listen();
  log(`CoreDNS-1.12.0 (KubeLab) listening on :53, forwarding to ${upstreams.join(', ') || 'nothing'}`);

  // The readiness and health endpoints of CoreDNS's ready and health plugins.
  http.createServer((_req, res) => {
    const ok = allSynced();
    res.writeHead(ok ? 200 : 503);
    res.end(ok ? 'OK' : 'kubernetes');
  }).listen(8181, '0.0.0.0');
  http.createServer((_req, res) => {
    res.writeHead(200);
    res.end('OK');
  }).listen(8080, '0.0.0.0');

  process.on('SIGTERM', () => {
    void server.close().finally(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  console.log(`[FATAL] ${(err as Error)?.stack ?? err}`);
  process.exit(1);
});
