import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { curlEach, curlRepeated, parseCurlOutput } from './curl';

describe('curl probes', () => {
  it('splits answers at the markers, keeping each body and status', () => {
    const out = 'webui-a\n\n@@kubelab-probe 200@@\n<h1>x</h1>\n@@kubelab-probe 404@@\n\n@@kubelab-probe 000@@\n';
    expect(parseCurlOutput(out)).toEqual([
      { status: 200, body: 'webui-a\n' },
      { status: 404, body: '<h1>x</h1>' },
      { status: 0, body: '' },
    ]);
  });

  it('passes URLs as arguments of curl itself: no shell', () => {
    const argv = curlRepeated("http://x/'; rm -rf /", 3);
    expect(argv[0]).toBe('curl');
    expect(argv.slice(-3)).toEqual(Array(3).fill("http://x/'; rm -rf /"));
    expect(argv).toContain('--fail-early');
    expect(curlEach(['http://a/', 'http://b/']).slice(-2)).toEqual(['http://a/', 'http://b/']);
    expect(curlEach(['http://a/'])).not.toContain('--fail-early');
  });

  // The same curl as in the lab image (Debian's), when this machine has it.
  it.skipIf(!existsSync('/usr/bin/curl'))('makes one connection per request, and marks a refused one with 000', async () => {
    const seen = new Set<number>();
    let requests = 0;
    const server = http.createServer((req, res) => {
      requests++;
      seen.add(req.socket.remotePort!);
      res.end(`answer ${requests}`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const run = promisify(execFile);
      const [cmd, ...args] = curlRepeated(url, 4);
      const answers = parseCurlOutput((await run(cmd!, args)).stdout);
      expect(answers).toEqual([1, 2, 3, 4].map((n) => ({ status: 200, body: `answer ${n}` })));
      expect(seen.size).toBe(4);
      const [cmd2, ...args2] = curlEach([url, 'http://127.0.0.1:1/']);
      const mixed = parseCurlOutput((await run(cmd2!, args2).catch((e: { stdout: string }) => e)).stdout);
      expect(mixed.map((a) => a.status)).toEqual([200, 0]);
    } finally {
      server.close();
    }
  });
});
