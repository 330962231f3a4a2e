import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerForTests, TestContainers } from '../docker/test-docker';
import { createKubeletStreamingServer, type KubeletStreamingServer } from './kubelet-server';
import type { ContainerTarget } from './target';
import { openRemoteCommand } from './test-client';

const env = await dockerForTests();
if (!env.ok) console.warn(`[skip] streaming server tests: ${env.reason}`);

function httpGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe.skipIf(!env.ok)('kubelet streaming server with a real container', () => {
  if (!env.ok) return;
  const { docker, image } = env;
  const made = new TestContainers(docker);
  const targets = new Map<string, ContainerTarget>();
  let server: KubeletStreamingServer;
  let base: string;

  beforeAll(async () => {
    // "web": the nginx stand-in as a pod runs it (uid 101, no capabilities); exec runs as root.
    const web = await made.create('web', { Image: image, Entrypoint: ['nginx', '-c', '/etc/kubelab/pod-nginx.conf', '-g', 'daemon off;'], Cmd: [], User: '101', HostConfig: { CapDrop: ['ALL'], SecurityOpt: ['no-new-privileges'] } });
    targets.set('web', { id: web.id, tty: false, execUser: '0' });
    const talk = await made.create('talk', { Image: image, Entrypoint: ['sh', '-c', 'read name; echo "hello $name"; echo "done" >&2'], Cmd: [], OpenStdin: true, StdinOnce: true, HostConfig: { CapDrop: ['ALL'] } });
    targets.set('talk', { id: talk.id, tty: false });
    server = createKubeletStreamingServer({
      docker,
      host: '127.0.0.1',
      port: 0,
      resolveContainer: async (q) => targets.get(q.container) ?? (q.pod === 'gone' ? { status: 404, message: 'pod does not exist' } : null),
      resolveLogs: async (q) => targets.get(q.container) ?? { status: 400, message: `container "${q.container}" in pod "${q.pod}" is waiting to start: ContainerCreating` },
    });
    const { port } = await server.listen();
    base = `127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await server?.close();
    await made.cleanup();
    docker.close();
  });

  const exec = (container: string, command: string[], flags = 'stdout=1&stderr=1') =>
    `ws://${base}/exec/default/pod/${container}?${command.map((c) => `command=${encodeURIComponent(c)}`).join('&')}&${flags}`;

  it('runs a command and reports its exit code as kubectl expects', async () => {
    const r = await (await openRemoteCommand(exec('web', ['sh', '-c', 'echo out; echo err >&2; exit 3']))).result;
    expect(r.stdout).toBe('out\n');
    expect(r.stderr).toBe('err\n');
    expect(r.closeCode).toBe(1000);
    expect(JSON.parse(r.status)).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh -c echo out; echo err >&2; exit 3], exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });

  it('execs as root into the nginx stand-in, which itself runs as uid 101', async () => {
    const r = await (await openRemoteCommand(exec('web', ['sh', '-c', 'id -u; ps -o user= -C nginx | sort -u']))).result;
    expect(r.stdout).toBe('0\nnginx\n');
    expect(r.status).toBe('{"metadata":{},"status":"Success"}');
  });

  it('passes stdin through and closes it on the v5 close signal', async () => {
    const client = await openRemoteCommand(exec('web', ['sh', '-c', 'cat; echo end'], 'stdin=1&stdout=1&stderr=1'));
    client.sendStdin('a\n');
    await client.waitForStdout(/a\n/);
    client.sendStdin('b\n');
    client.closeStdin();
    const r = await client.result;
    expect(r.stdout).toBe('a\nb\nend\n');
    expect(r.status).toBe('{"metadata":{},"status":"Success"}');
  });

  it('gives a TTY its size, sends no stderr channel, and lets ctrl-p through', async () => {
    const client = await openRemoteCommand(exec('web', ['sh', '-c', 'read x; stty size; echo "got $x"; stty raw -echo; dd bs=1 count=1 2>/dev/null | od -An -tx1'], 'stdin=1&stdout=1&stderr=1&tty=1'));
    client.resize(132, 43);
    await new Promise((r) => setTimeout(r, 300));
    client.sendStdin('abc\r');
    await client.waitForStdout(/got abc/);
    client.sendStdin(Buffer.from([0x10]));
    const r = await client.result;
    expect(r.stdout).toContain('43 132\r\n');
    expect(r.stdout).toMatch(/ 10\s*$/);
    expect(r.channels).not.toContain(2);
    expect(r.status).toBe('{"metadata":{},"status":"Success"}');
  });

  it('reports a command that cannot start as an internal error', async () => {
    const r = await (await openRemoteCommand(exec('web', ['no-such-command']))).result;
    const status = JSON.parse(r.status);
    expect(status).toMatchObject({ status: 'Failure', reason: 'InternalError', code: 500 });
    expect(status.message).toMatch(/^Internal error occurred: error executing command in container: failed to exec in container: failed to start exec ".+": OCI runtime exec failed: .*executable file not found in \$PATH/);
    expect(r.stdout).toBe('');
  });

  it('refuses before upgrading, with the kubelet’s texts', async () => {
    await expect(openRemoteCommand(exec('nope', ['ls']))).rejects.toMatchObject({ statusCode: 500, body: 'container not found ("nope")' });
    await expect(openRemoteCommand(`ws://${base}/exec/default/gone/x?command=ls&stdout=1`)).rejects.toMatchObject({ statusCode: 404, body: 'pod does not exist' });
    await expect(openRemoteCommand(exec('web', ['ls'], 'tty=1'))).rejects.toMatchObject({ statusCode: 400, body: 'you must specify at least 1 of stdin, stdout, stderr' });
  });

  it('attaches to the container’s own process and ends with Success', async () => {
    const client = await openRemoteCommand(`ws://${base}/attach/default/pod/talk?stdin=1&stdout=1&stderr=1`);
    client.sendStdin('kube\n');
    client.closeStdin();
    const r = await client.result;
    expect(r.stdout).toBe('hello kube\n');
    expect(r.stderr).toBe('done\n');
    expect(r.status).toBe('{"metadata":{},"status":"Success"}');
  });

  it('serves logs as text, tailed and timestamped as the kubelet prints them', async () => {
    await httpGet(`http://${base}/`); // any request works before the first access log line
    await (await openRemoteCommand(exec('web', ['curl', '-s', '-o', '/dev/null', 'http://127.0.0.1/']))).result;
    const all = await httpGet(`http://${base}/containerLogs/default/pod/web`);
    expect(all.status).toBe(200);
    expect(all.body).toMatch(/"GET \/ HTTP\/1.1" 200 615 "-" "curl\//);
    const last = await httpGet(`http://${base}/containerLogs/default/pod/web?tailLines=1&timestamps=true`);
    expect(last.body.split('\n').filter(Boolean)).toHaveLength(1);
    // RFC3339Nano: no fixed nine digits, no trailing zeros in the fraction.
    expect(last.body).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*[1-9])?Z 127\.0\.0\.1 - - /);
    const limited = await httpGet(`http://${base}/containerLogs/default/pod/web?limitBytes=5`);
    expect(limited.body).toHaveLength(5);
    expect(await httpGet(`http://${base}/containerLogs/default/pod/other`)).toEqual({ status: 400, body: 'container "other" in pod "pod" is waiting to start: ContainerCreating' });
    expect((await httpGet(`http://${base}/containerLogs/default/pod/web?tailLines=-2`)).status).toBe(422);
  });
});
