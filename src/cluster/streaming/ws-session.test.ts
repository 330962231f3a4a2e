import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { PROTOCOL, selectProtocol, type Protocol } from './protocol';
import type { StreamOptions } from './request';
import { openRemoteCommand } from './test-client';
import { exitCodeStatus } from './status';
import { ChannelSession } from './ws-session';

let server: Server | null = null;

afterEach(async () => {
  await new Promise((r) => server?.close(r));
  server = null;
});

/** A server whose every connection runs `handler` on a ChannelSession. */
async function serve(options: StreamOptions, handler: (s: ChannelSession) => void): Promise<string> {
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (p) => selectProtocol(p) ?? false });
  server = createServer();
  server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => handler(new ChannelSession(ws, ws.protocol as Protocol, options))));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('ChannelSession', () => {
  it('echoes stdin to stdout until v5 closes stdin, then sends the status and closes normally', async () => {
    const url = await serve({ stdin: true, stdout: true, stderr: true, tty: false }, (s) => {
      s.stdin.on('data', (d: Buffer) => s.write(1, d));
      s.stdin.on('end', () => {
        s.write(2, Buffer.from('bye\n'));
        s.finish(exitCodeStatus(['cat'], 4));
      });
    });
    const client = await openRemoteCommand(url);
    client.sendStdin('hello ');
    client.sendStdin('world');
    await client.waitForStdout(/world/);
    client.closeStdin();
    const r = await client.result;
    expect(r).toMatchObject({ stdout: 'hello world', stderr: 'bye\n', closeCode: 1000, protocol: PROTOCOL.v5 });
    expect(JSON.parse(r.status).details.causes[0]).toEqual({ reason: 'ExitCode', message: '4' });
    // The first frame is the empty "streams ready" frame on stdout; the status comes last.
    expect(r.channels[0]).toBe(1);
    expect(r.channels.at(-1)).toBe(3);
  });

  it('delivers terminal sizes, including ones sent before anyone listened', async () => {
    const sizes: string[] = [];
    const url = await serve({ stdin: true, stdout: true, stderr: false, tty: true }, (s) => {
      setTimeout(() => {
        s.onResize((size) => {
          sizes.push(`${size.width}x${size.height}`);
          if (sizes.length === 2) s.finish('{"metadata":{},"status":"Success"}');
        });
      }, 100);
    });
    const client = await openRemoteCommand(url);
    client.resize(80, 24);
    client.resize(132, 43);
    await client.result;
    expect(sizes).toEqual(['80x24', '132x43']);
  });

  it('sends only failures, as text, to a v1 client', async () => {
    const url = await serve({ stdin: false, stdout: true, stderr: false, tty: false }, (s) => s.finish(exitCodeStatus(['false'], 1)));
    const r = await (await openRemoteCommand(url, [PROTOCOL.v1])).result;
    expect(r.status).toBe('command terminated with non-zero exit code: error executing command [false], exit code 1');
  });

  it('answers kubectl’s heartbeat pings', async () => {
    const url = await serve({ stdin: false, stdout: true, stderr: false, tty: false }, () => undefined);
    const client = await openRemoteCommand(url);
    const pong = new Promise<string>((r) => client.ws.once('pong', (data: Buffer) => r(data.toString())));
    client.ws.ping('heartbeat');
    expect(await pong).toBe('heartbeat');
    client.ws.close();
  });

  it('ends stdin when the client goes away', async () => {
    let ended!: () => void;
    const stdinEnded = new Promise<void>((r) => (ended = r));
    const url = await serve({ stdin: true, stdout: true, stderr: false, tty: false }, (s) => {
      s.stdin.on('end', ended).resume();
    });
    const client = await openRemoteCommand(url);
    client.ws.terminate();
    await stdinEnded;
  });
});
