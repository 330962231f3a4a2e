// Security properties a learner's machine relies on: pods are powerless, the
// station is outside the cluster, and the app's server answers only locally
// and only with its token.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDown } from '../../src/lab/lab/stop';
import { kubectl, runningPods } from './kubectl';
import { docker, exec, lab, up } from './lab';

function request(host: string, port: number, path: string, cookie?: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.get({ host, port, path, timeout: 2000, headers: cookie ? { Cookie: cookie } : {} }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe('security', () => {
  let pod = '';
  beforeAll(async () => {
    await labDown(docker, lab, () => {});
    await up();
    await kubectl('create -f deploy-nginx.yaml');
    pod = (await runningPods('app=webui', 3))[0]!.name;
  });
  afterAll(async () => {
    await labDown(docker, lab, () => {});
  });

  it('gives pods no capabilities and no Docker socket', async () => {
    const caps = await kubectl(`exec ${pod} -- grep -E '^Cap(Eff|Prm|Bnd)' /proc/1/status`);
    expect(caps.out).toMatch(/CapEff:\s+0000000000000000/);
    expect(caps.out).toMatch(/CapBnd:\s+0000000000000000/);
    const shell = await kubectl(`exec ${pod} -- grep -E '^CapEff' /proc/self/status`);
    expect(shell.out).toMatch(/CapEff:\s+0000000000000000/);
    const socket = await kubectl(`exec ${pod} -- bash -c 'ls /var/run/docker.sock /run/docker.sock 2>&1; true'`);
    expect(socket.out).not.toMatch(/^\/(var\/)?run\/docker\.sock$/m);
    const mounts = await kubectl(`exec ${pod} -- cat /proc/mounts`);
    expect(mounts.out).not.toContain('docker.sock');
  });

  it('keeps the station out of the API server and the pod network', async () => {
    const api = await exec('station', ['curl', '-s', '-m', '2', 'http://10.100.0.104:6443/version']);
    expect(api.exitCode).not.toBe(0);
    const podIP = (await kubectl(`get pod ${pod} -o jsonpath='{.status.podIP}'`)).out.trim();
    const direct = await exec('station', ['curl', '-s', '-m', '2', `http://${podIP}/`]);
    expect(direct.exitCode).not.toBe(0);
    // The nodes themselves do reach the API server (their kubelets depend on it).
    expect((await exec('node1', ['curl', '-s', '-m', '2', 'http://10.100.0.104:6443/version'])).exitCode).toBe(0);
  });

  it('publishes the API server on the desktop loopback only', async () => {
    const info = await docker.getContainer(`${lab}-master`).inspect();
    const bindings = Object.values(info.HostConfig.PortBindings ?? {}).flat() as { HostIp: string }[];
    expect(bindings.length).toBeGreaterThan(0);
    for (const b of bindings) expect(b.HostIp).toBe('127.0.0.1');
  });

  it('serves the app on 127.0.0.1 only, and only with its token', async () => {
    const port = 18000 + Math.floor(Math.random() * 1000);
    const serve = spawn(process.execPath, ['bin/kubelab.js', 'serve', '--port', String(port)], { env: { ...process.env, KUBELAB_LAB: lab } });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        serve.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = out.match(/http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/);
          if (m) resolve(m[0]);
        });
        serve.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
        setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 20_000);
      });
      const token = new URL(url).searchParams.get('token')!;
      // The token URL trades the token for a cookie and redirects to a URL without it.
      const first = await new Promise<http.IncomingMessage>((resolve, reject) => http.get({ host: '127.0.0.1', port, path: `/?token=${token}` }, resolve).on('error', reject));
      first.resume();
      expect(first.statusCode).toBe(303);
      expect(first.headers.location).toBe('/');
      const cookie = first.headers['set-cookie']![0].split(';')[0];
      expect(await request('127.0.0.1', port, '/', cookie)).toBe(200);
      expect(await request('127.0.0.1', port, '/')).toBe(401);
      expect(await request('127.0.0.1', port, '/?token=wrong')).toBe(403);
      // The listening socket itself is bound to 127.0.0.1 (0100007F in /proc/net/tcp), never to 0.0.0.0.
      const listening = readFileSync('/proc/net/tcp', 'utf8').split('\n').map((l) => l.trim().split(/\s+/)).filter((c) => c[3] === '0A' && c[1]?.endsWith(`:${port.toString(16).toUpperCase().padStart(4, '0')}`)).map((c) => c[1]);
      expect(listening).toEqual([`0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`]);
    } finally {
      serve.kill('SIGTERM');
    }
  });
});
