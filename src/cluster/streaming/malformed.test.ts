// Malformed frames on the exec WebSocket of the kubelet streaming server, with a
// fake Docker (no engine needed): unknown channels, text frames, oversized frames,
// resize garbage, stdin after its close, malformed close signals, abrupt
// disconnects, broken request lines. The server answers as the API server's
// wsstream does — ignores what it ignores, closes where it closes — ends every
// session with a clean close and the right status, and never lets an exception out
// of its handlers (vitest fails the run on an uncaught one; onError collects the rest).
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DockerClient } from '../docker/client';
import type { HijackedStream } from '../docker/hijack';
import type { ExecCreateBody, ExecInspect } from '../docker/types';
import { createKubeletStreamingServer, type KubeletStreamingServer } from './kubelet-server';
import { CHANNEL, PROTOCOL } from './protocol';
import { MAX_PENDING_RESIZE, ResizeDecoder } from './resize';
import { openRemoteCommand, type RemoteCommandClient } from './test-client';

// --- a fake Docker: each exec is a scripted process ----------------------------------

interface FakeExec {
  id: string;
  cmd: string[];
  tty: boolean;
  exitCode: number | null;
  stdinData: Buffer[];
  stdinEnded: boolean;
  /** The kubelet dropped Docker's connection (the client went away). */
  dropped: boolean;
  resizes: string[];
}

class FakeDocker {
  readonly execs: FakeExec[] = [];

  async createExec(_container: string, body: ExecCreateBody): Promise<string> {
    const e: FakeExec = { id: `exec-${this.execs.length}`, cmd: body.Cmd ?? [], tty: body.Tty ?? false, exitCode: null, stdinData: [], stdinEnded: false, dropped: false, resizes: [] };
    this.execs.push(e);
    return e.id;
  }

  async startExec(id: string, tty: boolean): Promise<HijackedStream> {
    const e = this.find(id);
    const stdout = new PassThrough();
    const stderr = tty ? null : new PassThrough();
    const stdin = new PassThrough();
    let finish!: () => void;
    const done = new Promise<void>((r) => (finish = r));
    const exit = (code: number) => {
      if (e.exitCode !== null) return;
      e.exitCode = code;
      stdout.end();
      stderr?.end();
      finish();
    };
    stdin.on('data', (d: Buffer) => e.stdinData.push(d));
    stdin.on('end', () => (e.stdinEnded = true));
    const [program] = e.cmd;
    if (program === 'cat') {
      // Echoes its input; exits 0 when stdin ends.
      stdin.on('data', (d: Buffer) => stdout.write(d));
      stdin.on('end', () => exit(0));
    } else if (program === 'fail') {
      setImmediate(() => {
        stderr?.write('failing\n');
        exit(3);
      });
    }
    // Anything else ("sleep") runs until the connection is dropped.
    return {
      stdout,
      stderr,
      stdin,
      done,
      destroy: () => {
        e.dropped = true;
        exit(137);
      },
    };
  }

  async inspectExec(id: string): Promise<ExecInspect> {
    const e = this.find(id);
    return { ID: id, Running: e.exitCode === null, ExitCode: e.exitCode, Pid: 4242, ContainerID: 'c' };
  }

  async execExitCode(id: string): Promise<number> {
    const e = this.find(id);
    if (e.exitCode === null) throw new Error(`exec ${id} still running`);
    return e.exitCode;
  }

  async resizeExec(id: string, width: number, height: number): Promise<void> {
    this.find(id).resizes.push(`${width}x${height}`);
  }

  last(): FakeExec {
    return this.execs[this.execs.length - 1]!;
  }

  private find(id: string): FakeExec {
    const e = this.execs.find((x) => x.id === id);
    if (!e) throw new Error(`no such exec ${id}`);
    return e;
  }
}

// --- the server under test --------------------------------------------------------------

let docker: FakeDocker;
let server: KubeletStreamingServer;
let base: string;
let port: number;
const reported: unknown[] = [];

beforeAll(async () => {
  docker = new FakeDocker();
  server = createKubeletStreamingServer({
    docker: docker as unknown as DockerClient,
    host: '127.0.0.1',
    port: 0,
    resolveContainer: async (q) => (q.container === 'slow' ? new Promise((r) => setTimeout(() => r({ id: 'c', tty: false }), 200)) : { id: 'c', tty: q.container === 'tty' }),
    resolveLogs: async () => ({ status: 400, message: 'no logs here' }),
    onError: (err) => reported.push(err),
  });
  ({ port } = await server.listen());
  base = `127.0.0.1:${port}`;
});

afterAll(async () => {
  await server?.close();
});

beforeEach(() => {
  reported.length = 0;
});

const exec = (command: string[], flags = 'stdin=1&stdout=1&stderr=1', container = 'web') =>
  `ws://${base}/exec/default/pod/${container}?${command.map((c) => `command=${encodeURIComponent(c)}`).join('&')}&${flags}`;

const frame = (channel: number, data: string | Buffer = '') => Buffer.concat([Buffer.from([channel]), Buffer.from(data)]);

/** Sends raw frames, then closes stdin and returns what the session ended with. */
async function catWith(frames: (c: RemoteCommandClient) => void) {
  const client = await openRemoteCommand(exec(['cat']));
  frames(client);
  client.sendStdin('end\n');
  await client.waitForStdout(/end\n/);
  client.closeStdin();
  return client.result;
}

const SUCCESS = '{"metadata":{},"status":"Success"}';

describe('frames the server ignores, as wsstream does', () => {
  it('drops frames for channels nobody reads and for the server’s own output channels', async () => {
    const r = await catWith((c) => {
      for (const ch of [1, 2, 3, 5, 9, 42, 254]) c.ws.send(frame(ch, `junk on ${ch}\n`));
      c.ws.send(Buffer.alloc(0)); // an empty frame has no channel at all
      c.sendStdin('kept\n');
    });
    expect(r.stdout).toBe('kept\nend\n');
    expect(r.status).toBe(SUCCESS);
    expect(r.closeCode).toBe(1000);
    expect(reported).toEqual([]);
  });

  it('reads a text frame as bytes, its first character the channel (x/net/websocket receives text into []byte)', async () => {
    const r = await catWith((c) => {
      c.ws.send('\u0000typed as text\n'); // channel 0: stdin
      c.ws.send('A is channel 65\n'); // nobody's
    });
    expect(r.stdout).toBe('typed as text\nend\n');
    expect(r.status).toBe(SUCCESS);
  });

  it('ignores stdin after the client closed it', async () => {
    const client = await openRemoteCommand(exec(['sleep']));
    client.sendStdin('before\n');
    client.closeStdin();
    client.sendStdin('after\n');
    client.closeStdin(); // a second close is a no-op
    await new Promise((r) => setTimeout(r, 100));
    const e = docker.last();
    expect(Buffer.concat(e.stdinData).toString()).toBe('before\n');
    expect(e.stdinEnded).toBe(true);
    client.ws.close();
    await client.result;
  });

  it('ignores stdin on a session that asked for none', async () => {
    const client = await openRemoteCommand(exec(['sleep'], 'stdout=1'));
    client.sendStdin('nobody asked\n');
    await new Promise((r) => setTimeout(r, 50));
    expect(docker.last().stdinData).toEqual([]);
    client.ws.close();
    await client.result;
  });
});

describe('terminal sizes', () => {
  it('applies valid sizes (clamped) and skips JSON garbage, however it is cut into frames', async () => {
    const client = await openRemoteCommand(exec(['cat'], 'stdin=1&stdout=1&tty=1', 'tty'));
    const resize = (s: string) => client.ws.send(frame(CHANNEL.resize, s));
    for (const g of ['not json', '{"Width":"wide","Height":"tall"}', '{"Width":-5,"Height":0}', '[]', '{"Width":80', ',"Height":24}', 'null', '{"Width":1e9,"Height":1e9}', '{"Width":{"a":1}}', '\u0000\uffff', '{"Width":100,"Height":30}']) resize(g);
    await new Promise((r) => setTimeout(r, 100));
    client.closeStdin();
    const r = await client.result;
    expect(docker.last().resizes).toEqual(['80x24', '65535x65535', '100x30']);
    expect(r.status).toBe(SUCCESS);
    expect(reported).toEqual([]);
  });

  it('holds at most a few KiB of an object that never ends', () => {
    const sizes: string[] = [];
    const d = new ResizeDecoder((s) => sizes.push(`${s.width}x${s.height}`));
    for (let i = 0; i < 2000; i++) {
      d.push('{"Width":'.repeat(50));
      expect(d.pending).toBeLessThanOrEqual(MAX_PENDING_RESIZE);
    }
    d.push(Buffer.alloc(10 << 20, '{'));
    expect(d.pending).toBeLessThanOrEqual(MAX_PENDING_RESIZE);
    // Once the garbage is dropped, sizes get through again.
    d.push('{"Width":120,"Height":40}');
    expect(sizes).toEqual(['120x40']);
  });
});

describe('frames the server closes the connection for', () => {
  it('closes a v5 connection whose close signal is not one byte naming a channel, as wsstream does', async () => {
    for (const bad of [Buffer.from([CHANNEL.close]), Buffer.from([CHANNEL.close, 9]), Buffer.from([CHANNEL.close, 0, 0])]) {
      const client = await openRemoteCommand(exec(['sleep']));
      client.ws.send(bad);
      const r = await client.result;
      expect(r.closeCode).toBe(1000);
      await new Promise((res) => setTimeout(res, 20));
      expect(docker.last().dropped).toBe(true); // the process lost its connection
    }
    expect(reported).toEqual([]);
  });

  it('treats 255 before v5 as an unknown channel', async () => {
    const client = await openRemoteCommand(exec(['cat']), [PROTOCOL.v4]);
    client.ws.send(Buffer.from([CHANNEL.close]));
    client.ws.send(Buffer.from([CHANNEL.close, 0]));
    client.sendStdin('still open\n');
    await client.waitForStdout(/still open/);
    client.ws.close();
    await client.result;
  });

  it('closes with 1009 on a frame longer than the server takes, before reading it', async () => {
    const { socket, frames } = await rawWebSocket(exec(['sleep']));
    // A binary frame announcing 1 GiB, masked as a client must, and not a byte of it sent.
    const header = Buffer.concat([Buffer.from([0x82, 0x80 | 127]), Buffer.from([0, 0, 0, 0, 0x40, 0, 0, 0]), randomBytes(4)]);
    socket.write(header);
    const close = await frames.next(0x8);
    expect(close.readUInt16BE(0)).toBe(1009);
    socket.destroy();
    await new Promise((r) => setTimeout(r, 20));
    expect(docker.last().dropped).toBe(true);
  });
});

describe('clients that vanish', () => {
  it('drops Docker’s connection when the client disappears mid-command, without reporting an error', async () => {
    const client = await openRemoteCommand(exec(['sleep']));
    client.sendStdin('partial');
    (client.ws as unknown as { _socket: Socket })._socket.destroy();
    await client.result;
    await new Promise((r) => setTimeout(r, 50));
    expect(docker.last().dropped).toBe(true);
    expect(reported).toEqual([]);
  });

  it('survives a client that leaves while its container is being looked up', async () => {
    const before = docker.execs.length;
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((r) => socket.once('connect', () => r()));
    socket.write(upgradeRequest(exec(['ls'], 'stdout=1', 'slow')));
    socket.destroy();
    await new Promise((r) => setTimeout(r, 300));
    expect(docker.execs.length).toBe(before); // nothing was started for nobody
    expect(reported).toEqual([]);
  });

  it('survives a client that leaves half-way through a frame', async () => {
    const { socket } = await rawWebSocket(exec(['sleep']));
    socket.write(Buffer.from([0x82, 0x85, 1, 2, 3, 4, 0x01 ^ 1])); // 5 bytes announced, 1 sent
    socket.destroy();
    await new Promise((r) => setTimeout(r, 50));
    expect(docker.last().dropped).toBe(true);
    expect(reported).toEqual([]);
  });
});

describe('requests that never become a session', () => {
  it('answers a request target no URL parser accepts with 400 instead of crashing the kubelet', async () => {
    for (const request of [
      'GET http://[/exec/default/pod/web?command=ls HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n',
      'GET http://[/containerLogs/default/pod/web HTTP/1.1\r\nHost: x\r\n\r\n',
    ]) {
      expect(await rawExchange(request)).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    }
    const r = await (await openRemoteCommand(exec(['fail'], 'stdout=1&stderr=1'))).result;
    expect(JSON.parse(r.status)).toMatchObject({ status: 'Failure', reason: 'NonZeroExitCode' });
  });

  it('refuses an upgrade with odd path escapes, offers or flags before switching protocols', async () => {
    await expect(openRemoteCommand(`ws://${base}/exec/default/%zz/web?command=ls&stdout=1`)).rejects.toMatchObject({ statusCode: 404 });
    await expect(openRemoteCommand(exec(['ls']), ['nonsense.k8s.io'])).rejects.toMatchObject({ statusCode: 400 });
    await expect(openRemoteCommand(`ws://${base}/exec/default/pod/web?stdout=1`)).rejects.toMatchObject({ statusCode: 400, body: 'you must specify at least one command for the container' });
    await expect(openRemoteCommand(`ws://${base}/exec/default/pod/web?command=ls`)).rejects.toMatchObject({ statusCode: 400, body: 'you must specify at least 1 of stdin, stdout, stderr' });
    expect(reported).toEqual([]);
  });
});

// --- raw WebSocket plumbing ---------------------------------------------------------------

function upgradeRequest(url: string, protocol = PROTOCOL.v5): string {
  const u = new URL(url);
  return `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Protocol: ${protocol}\r\n\r\n`;
}

function rawExchange(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
    setTimeout(() => socket.destroy(), 2000);
  });
}

/** A WebSocket spoken by hand, for frames the ws client would never send. */
async function rawWebSocket(url: string): Promise<{ socket: Socket; frames: { next(opcode: number): Promise<Buffer> } }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((r) => socket.once('connect', () => r()));
  socket.write(upgradeRequest(url));
  let buf = Buffer.alloc(0);
  let handshaken = false;
  const parsed: { opcode: number; payload: Buffer }[] = [];
  const waiters: (() => void)[] = [];
  socket.on('data', (c: Buffer) => {
    buf = Buffer.concat([buf, c]);
    if (!handshaken) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      expect(buf.subarray(0, end).toString('latin1')).toMatch(/^HTTP\/1\.1 101 /);
      buf = buf.subarray(end + 4);
      handshaken = true;
    }
    // Server frames are unmasked and, here, short.
    while (buf.length >= 2) {
      let len = buf[1]! & 0x7f;
      let off = 2;
      if (len === 126) {
        if (buf.length < 4) break;
        len = buf.readUInt16BE(2);
        off = 4;
      }
      if (buf.length < off + len) break;
      parsed.push({ opcode: buf[0]! & 0x0f, payload: buf.subarray(off, off + len) });
      buf = buf.subarray(off + len);
    }
    for (const w of waiters.splice(0)) w();
  });
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => {
    const check = () => (handshaken ? resolve() : waiters.push(check));
    check();
  });
  return {
    socket,
    frames: {
      next: (opcode) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no frame with opcode ${opcode}`)), 3000);
          const check = () => {
            const i = parsed.findIndex((f) => f.opcode === opcode);
            if (i >= 0) {
              clearTimeout(timer);
              resolve(parsed.splice(i, 1)[0]!.payload);
            } else waiters.push(check);
          };
          check();
        }),
    },
  };
}
