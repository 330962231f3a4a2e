import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { httpCloudClient } from './cloud';

describe('httpCloudClient', () => {
  it('reports an absent agent the way Go\'s net/http does', async () => {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const cloud = httpCloudClient(`http://127.0.0.1:${port}`);
    await expect(cloud.ensure('default', 'web', { nodePorts: [], nodes: [] })).rejects.toThrow(`Post "http://127.0.0.1:${port}/loadbalancers/default/web": dial tcp 127.0.0.1:${port}: connect: connection refused`);
  });

  it('passes on the agent\'s error message', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(409, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'address 10.100.0.245 is in use' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const cloud = httpCloudClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await expect(cloud.ensure('default', 'web', { nodePorts: [], nodes: [], loadBalancerIP: '10.100.0.245' })).rejects.toThrow('address 10.100.0.245 is in use');
    await new Promise<void>((r) => server.close(() => r()));
  });
});
