// `kubelab serve` over real HTTP and WebSockets (no browser, no Docker): without
// the token, or with a wrong one, nothing is served and no socket opens; with it,
// the page and the contract are there. Malformed requests and messages are refused
// without taking the server down. (e2e/app.e2e.test.ts does the same in Chromium.)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WS_PATH } from '../../shared/api';
import { Engine } from '../bridge/engine';
import { cookieName } from './guard';
import { serve, type Serving } from './server';

const TOKEN = 'test-token-0123456789abcdef';
let serving: Serving;
let dir: string;
let host: string;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: serving.port, path, method, headers: { Host: host, ...headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the socket; resolves with it, or with the HTTP status that refused it. */
function socket(headers: Record<string, string>, path = WS_PATH): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${host}${path}`, { headers });
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.on('error', reject);
  });
}

function raw(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = connect(serving.port, '127.0.0.1', () => c.write(bytes));
    const chunks: Buffer[] = [];
    c.on('data', (d: Buffer) => chunks.push(d));
    c.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    c.on('error', reject);
    setTimeout(() => c.destroy(), 2000);
  });
}

const cookie = () => `${cookieName(serving.port)}=${TOKEN}`;
const origin = () => `http://${host}`;

/** One message in, the next message out (or the close). */
function exchange(ws: WebSocket, message: string | Buffer): Promise<{ message?: unknown; close?: { code: number; reason: string } }> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      cleanup();
      resolve({ message: JSON.parse(data.toString()) as unknown });
    };
    const onClose = (code: number, reason: Buffer) => {
      cleanup();
      resolve({ close: { code, reason: reason.toString() } });
    };
    const cleanup = () => {
      ws.off('message', onMessage);
      ws.off('close', onClose);
    };
    ws.on('message', onMessage);
    ws.on('close', onClose);
    ws.send(message);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kubelab-serve-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>KubeLab</title>');
  // Nothing here reaches Docker: the engine only talks to it when a request asks.
  const engine = new Engine({ configDir: join(dir, 'config'), lab: 'kubelab-serve-test' });
  serving = await serve({ engine, rendererDir: join(dir, 'renderer'), host: '127.0.0.1', port: 0, token: TOKEN });
  host = `127.0.0.1:${serving.port}`;
});

afterAll(async () => {
  await serving?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('kubelab serve without the token', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(serving.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(serving.url).toBe(`http://127.0.0.1:${serving.port}/?token=${TOKEN}`);
  });

  it('serves no page: 401 without a token, 403 with a wrong one, in the URL or the cookie', async () => {
    for (const path of ['/', '/index.html', '/assets/index.js']) {
      const none = await get(path);
      expect(none.status).toBe(401);
      expect(none.body).toBe('KubeLab: no token: open the address `kubelab serve` printed\n');
      expect(none.body).not.toContain('<title>');
    }
    for (const wrong of ['guess', '', TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase()]) {
      expect((await get(`/?token=${encodeURIComponent(wrong)}`)).status).toBe(403);
      expect((await get('/', { Cookie: `${cookieName(serving.port)}=${encodeURIComponent(wrong)}` })).status).toBe(403);
    }
    // Another server's cookie is not ours.
    expect((await get('/', { Cookie: `${cookieName(serving.port + 1)}=${TOKEN}` })).status).toBe(401);
  });

  it('opens no socket: 401 without a token, 403 with a wrong one, another origin or another path', async () => {
    expect(await socket({ Origin: origin() })).toBe(401);
    expect(await socket({ Origin: origin(), Cookie: `${cookieName(serving.port)}=guess` })).toBe(403);
    expect(await socket({ Origin: origin() }, `${WS_PATH}?token=guess`)).toBe(403);
    expect(await socket({ Origin: 'http://evil.example', Cookie: cookie() })).toBe(403);
    expect(await socket({ Origin: origin(), Cookie: cookie() }, '/other')).toBe(403);
  });

  it('refuses other Host names even with the token (DNS rebinding)', async () => {
    expect((await get(`/?token=${TOKEN}`, { Host: `evil.example:${serving.port}` })).status).toBe(403);
    expect((await get('/', { Host: `evil.example:${serving.port}`, Cookie: cookie() })).status).toBe(403);
  });

  it('survives a cookie that is not URL-encoding and a request target that is not a URL', async () => {
    // Were: decodeURIComponent and new URL threw inside the request handler and ended the process.
    expect((await get('/', { Cookie: `${cookieName(serving.port)}=%E0%A4%A` })).status).toBe(403);
    expect(await raw(`GET http://[ HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400 /);
    expect(await raw(`GET http://[ HTTP/1.1\r\nHost: ${host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`)).toMatch(/^HTTP\/1\.1 403 /);
    expect(await raw(`GET ${WS_PATH}?token=%zz HTTP/1.1\r\nHost: ${host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`)).toMatch(/^HTTP\/1\.1 403 /);
    expect((await get('/')).status).toBe(401);
  });
});

describe('kubelab serve with the token', () => {
  it('trades the token in the URL for a cookie, then serves the page', async () => {
    const first = await get(`/?token=${TOKEN}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    expect(first.headers['set-cookie']).toEqual([`${cookieName(serving.port)}=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`]);
    const page = await get('/', { Cookie: cookie() });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>KubeLab</title>');
    expect((await get('/', { Cookie: cookie() }, 'POST')).status).toBe(405);
  });

  it('opens the socket and answers the contract, refusing what is not in it', async () => {
    const ws = await socket({ Origin: origin(), Cookie: cookie() });
    expect(ws).toBeInstanceOf(WebSocket);
    const s = ws as WebSocket;
    expect((await exchange(s, JSON.stringify({ t: 'call', id: 1, m: 'appInfo', a: [] }))).message).toMatchObject({ t: 'result', id: 1, ok: true });
    // Bad arguments to a real request: an error answer, the socket stays.
    expect((await exchange(s, JSON.stringify({ t: 'call', id: 2, m: 'readManifest', a: ['../../etc/passwd'] }))).message).toEqual({
      t: 'result',
      id: 2,
      ok: false,
      e: 'invalid argument: a manifest is a .yaml or .yml file name without a directory',
    });
    // A name outside the contract ends the connection: such a page is not ours.
    expect((await exchange(s, JSON.stringify({ t: 'call', id: 3, m: '__proto__', a: [] }))).close).toEqual({ code: 1008, reason: 'no request __proto__' });
  });

  it('closes the socket on messages that are not the protocol', async () => {
    const cases: [string | Buffer, { code: number; reason: string }][] = [
      ['not json', { code: 1008, reason: 'not JSON' }],
      ['null', { code: 1008, reason: 'not a message' }],
      [JSON.stringify({ t: 'call', m: 'appInfo', a: [] }), { code: 1008, reason: 'a call needs an id' }],
      [JSON.stringify({ t: 'note', m: 'constructor', a: [] }), { code: 1008, reason: 'no notification constructor' }],
      [JSON.stringify({ t: 'shout' }), { code: 1008, reason: 'unknown message type' }],
      [Buffer.from([1, 2, 3]), { code: 1003, reason: 'text only' }],
    ];
    for (const [message, close] of cases) {
      const ws = (await socket({ Origin: origin(), Cookie: cookie() })) as WebSocket;
      expect((await exchange(ws, message)).close).toEqual(close);
    }
    // And a frame over the socket's 2 MiB limit (was: an 'error' event without a listener, which ended the process).
    const ws = (await socket({ Origin: origin(), Cookie: cookie() })) as WebSocket;
    expect((await exchange(ws, 'x'.repeat(3 << 20))).close?.code).toBe(1009);
    expect((await get('/', { Cookie: cookie() })).status).toBe(200);
  });
});
