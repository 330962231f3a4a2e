// Our kube-apiserver assembled in-process over the in-memory store, on a
// random local port: what controller and scheduler tests talk to instead of a
// Docker container. Assembled as src/cluster/apiserver/main.ts does it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { assembleApiServer } from '../apiserver/assemble';
import { bootstrap } from '../apiserver/bootstrap';
import type { ServerContext } from '../apiserver/context';
import { serverDocuments } from '../apiserver/documents';
import { createApiHandler } from '../apiserver/server';
import { RestClient } from '../client/rest';
import { MemoryKV } from '../etcd/memory';

export interface TestApiServer {
  url: string;
  client: RestClient;
  /** The server's own context, for reaching behind the API in assertions. */
  ctx: ServerContext;
  close(): Promise<void>;
}

export interface TestApiServerOptions {
  /** Create the system namespaces, the kubernetes and kube-dns services and the coredns deployment (default true). */
  bootstrap?: boolean;
  log?: (line: string) => void;
}

export async function startTestApiServer(options: TestApiServerOptions = {}): Promise<TestApiServer> {
  const { ctx, cache, start } = assembleApiServer(new MemoryKV(), { serviceCIDR: '10.96.0.0/12', nodePortRange: '30000-32767', excluded: ['10.100.0.0/24'] }, options.log ?? (() => {}));
  await start();

  const api = createApiHandler({ ctx, documents: serverDocuments(), ready: () => true });
  const server = http.createServer({ keepAlive: true }, (req, res) => void api.handle(req, res));
  server.headersTimeout = 0;
  server.requestTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  if (options.bootstrap !== false) {
    // The endpoint names the lab master's address: validation refuses loopback ones.
    await bootstrap(ctx, { advertiseAddress: '10.100.0.104', securePort: 6443, kubernetesServiceIP: '10.96.0.1', dnsServiceIP: '10.96.0.10' });
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    client: new RestClient(url, 'test'),
    ctx,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      cache.stop();
    },
  };
}
