import { createServer, request, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { openRemoteCommand } from './test-client';
import { proxyUpgrade } from './upgrade-proxy';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

function listen(s: Server | NetServer): Promise<number> {
  closers.push(() => new Promise((r) => s.close(() => r())));
  return new Promise((r) => s.listen(0, '127.0.0.1', () => r((s.address() as AddressInfo).port)));
}

/** An API server that proxies every upgrade to `target(path)`. */
async function apiServer(target: (path: string) => URL): Promise<number> {
  const api = createServer();
  api.on('upgrade', (req, socket, head) => void proxyUpgrade(req, socket, head, target(req.url ?? '/')));
  return listen(api);
}

describe('proxyUpgrade', () => {
  it('carries a WebSocket session to the kubelet and back, rewriting the path', async () => {
    const seen: string[] = [];
    const kubelet = createServer();
    const wss = new WebSocketServer({ noServer: true, handleProtocols: (p) => [...p][0] ?? false });
    kubelet.on('upgrade', (req, socket, head) => {
      seen.push(`${req.url} ${req.headers['sec-websocket-protocol']} ${req.headers['x-remote-user'] ?? '-'}`);
      wss.handleUpgrade(req, socket, head, (ws) => ws.on('message', (m: Buffer) => {
        ws.send(Buffer.concat([Buffer.from([1]), m.subarray(1)]));
        ws.close(1000);
      }));
    });
    const kubeletPort = await listen(kubelet);
    const apiPort = await apiServer(() => new URL(`http://127.0.0.1:${kubeletPort}/exec/default/web/nginx?command=cat&stdin=1&stdout=1`));
    const client = await openRemoteCommand(`ws://127.0.0.1:${apiPort}/api/v1/namespaces/default/pods/web/exec?command=cat&stdin=true`, ['v5.channel.k8s.io'], { 'X-Remote-User': 'admin' });
    client.sendStdin('ping');
    const r = await client.result;
    expect(r.stdout).toBe('ping');
    expect(r.closeCode).toBe(1000);
    expect(seen).toEqual(['/exec/default/web/nginx?command=cat&stdin=1&stdout=1 v5.channel.k8s.io admin']);
  });

  it('passes the kubelet’s refusal through as kubectl would read it', async () => {
    const kubelet = createServer();
    kubelet.on('upgrade', (_req, socket) => socket.end('HTTP/1.1 500 Internal Server Error\r\nContent-Length: 29\r\nConnection: close\r\n\r\ncontainer not found ("nginx")'));
    const kubeletPort = await listen(kubelet);
    const apiPort = await apiServer(() => new URL(`http://127.0.0.1:${kubeletPort}/exec/default/web/nginx`));
    await expect(openRemoteCommand(`ws://127.0.0.1:${apiPort}/x`)).rejects.toMatchObject({ statusCode: 500, body: 'container not found ("nginx")' });
  });

  it('answers with a Status when the kubelet cannot be reached', async () => {
    const probe: NetServer = createNetServer();
    const deadPort = await listen(probe);
    await closers.pop()!();
    const apiPort = await apiServer(() => new URL(`http://127.0.0.1:${deadPort}/exec/a/b/c`));
    const body = await new Promise<string>((resolve) => {
      const req = request({ port: apiPort, host: '127.0.0.1', headers: { Connection: 'Upgrade', Upgrade: 'websocket' } });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(`${res.statusCode} ${text}`));
      });
      req.end();
    });
    expect(body).toBe(`500 {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"error dialing backend: dial tcp 127.0.0.1:${deadPort}: connect: connection refused","code":500}`);
  });
});
