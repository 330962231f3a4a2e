// The real kubectl (1.35, from the repo's cache) against a stand-in API server
// that does what kube-apiserver does for exec, attach and logs: find the pod,
// pick the kubelet URL, proxy. The kubelet side is the real streaming server
// and a real container.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { dockerForTests, TestContainers } from '../docker/test-docker';
import { createKubeletStreamingServer, type KubeletStreamingServer } from './kubelet-server';
import { logLocation, streamLocation } from './locations';
import { proxyUpgrade } from './upgrade-proxy';

const KUBECTL = resolve(process.cwd(), '.cache/kubectl/v1.35.2/kubectl');
const env = await dockerForTests();
const skip = !env.ok ? env.reason : !existsSync(KUBECTL) ? `no kubectl at ${KUBECTL}` : null;
if (skip) console.warn(`[skip] kubectl end-to-end tests: ${skip}`);

const POD: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', uid: '5f1c0d2e-0000-4000-8000-000000000001', creationTimestamp: '2024-05-01T12:00:00Z' },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.14' }], nodeName: 'node1' },
  status: { phase: 'Running' },
};

const TALK: Pod = {
  ...POD,
  metadata: { ...POD.metadata, name: 'talk', uid: '5f1c0d2e-0000-4000-8000-000000000002' },
  spec: { containers: [{ name: 'talk', image: 'busybox', stdin: true, stdinOnce: true }], nodeName: 'node1' },
};
const PODS = new Map([['web', POD], ['talk', TALK]]);

const RESOURCES = {
  kind: 'APIResourceList',
  groupVersion: 'v1',
  resources: [
    { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list'], shortNames: ['po'], categories: ['all'] },
    { name: 'pods/attach', singularName: '', namespaced: true, kind: 'PodAttachOptions', verbs: ['create', 'get'] },
    { name: 'pods/exec', singularName: '', namespaced: true, kind: 'PodExecOptions', verbs: ['create', 'get'] },
    { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] },
  ],
};

function run(args: string[], options: { input?: string; kubeconfig: string; cacheDir: string; tty?: boolean }): Promise<{ code: number; stdout: string; stderr: string }> {
  const argv = [KUBECTL, `--kubeconfig=${options.kubeconfig}`, `--cache-dir=${options.cacheDir}`, ...args];
  // `script` gives kubectl a terminal, as a learner's shell would.
  const [file, fileArgs] = options.tty ? ['script', ['-qec', argv.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' '), '/dev/null']] : [KUBECTL, argv.slice(1)];
  return new Promise((done) => {
    const child = execFile(file as string, fileArgs as string[], { timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      done({ code, stdout, stderr });
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

describe.skipIf(skip !== null)('the real kubectl through an API server proxy to the kubelet', () => {
  if (!env.ok) return;
  const { docker, image } = env;
  const made = new TestContainers(docker);
  let kubelet: KubeletStreamingServer;
  let api: Server;
  let dir: string;
  let kubeconfig: string;

  beforeAll(async () => {
    const talk = await made.create('kubectl-talk', { Image: image, Entrypoint: ['sh', '-c', 'read name; echo "hello $name"'], Cmd: [], OpenStdin: true, StdinOnce: true, HostConfig: { CapDrop: ['ALL'] } });
    const web = await made.create('kubectl', { Image: image, Entrypoint: ['nginx', '-c', '/etc/kubelab/pod-nginx.conf', '-g', 'daemon off;'], Cmd: [], User: '101', HostConfig: { CapDrop: ['ALL'] } });
    kubelet = createKubeletStreamingServer({
      docker,
      host: '127.0.0.1',
      port: 0,
      resolveContainer: async (q) => {
        if (q.pod === 'web' && q.container === 'nginx') return { id: web.id, tty: false, execUser: '0' };
        if (q.pod === 'talk' && q.container === 'talk') return { id: talk.id, tty: false };
        return null;
      },
      resolveLogs: async () => ({ id: web.id, tty: false }),
    });
    const k = await kubelet.listen();
    const endpoint = { host: k.host, port: k.port };

    api = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://api');
      const json = (status: number, body: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      if (url.pathname === '/api') return json(200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: req.headers.host }] });
      if (url.pathname === '/apis') return json(200, { kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
      if (url.pathname === '/api/v1') return json(200, RESOURCES);
      const pod = /^\/api\/v1\/namespaces\/default\/pods\/([^/]+)$/.exec(url.pathname);
      if (pod && PODS.has(pod[1]!)) return json(200, PODS.get(pod[1]!));
      if (url.pathname === '/api/v1/namespaces/default/pods/web/log') {
        const loc = logLocation(POD, url.searchParams, endpoint);
        if (!('url' in loc)) return json(400, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'bad', code: 400 });
        request(loc.url, (kres) => {
          res.writeHead(kres.statusCode ?? 500, { 'Content-Type': 'text/plain' });
          kres.pipe(res);
        }).end();
        return;
      }
      json(404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 });
    });
    api.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://api');
      const m = /^\/api\/v1\/namespaces\/default\/pods\/([^/]+)\/(exec|attach)$/.exec(url.pathname);
      const target = m ? PODS.get(m[1]!) : undefined;
      const loc = m && target ? streamLocation(m[2] as 'exec' | 'attach', target, url.searchParams, endpoint) : null;
      if (!loc || !('url' in loc)) return socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      void proxyUpgrade(req, socket, head, loc.url);
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    dir = mkdtempSync(join(tmpdir(), 'kubelab-rt-test-kubectl-'));
    kubeconfig = join(dir, 'config');
    writeFileSync(kubeconfig, `apiVersion: v1
kind: Config
clusters:
- cluster:
    server: http://127.0.0.1:${(api.address() as AddressInfo).port}
  name: lab
contexts:
- context:
    cluster: lab
    user: admin
  name: lab
current-context: lab
users:
- name: admin
  user: {}
`);
  });

  afterAll(async () => {
    await new Promise((r) => api?.close(r));
    await kubelet?.close();
    await made.cleanup();
    docker.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const kubectl = (args: string[], extra: { input?: string; tty?: boolean } = {}) => run(args, { kubeconfig, cacheDir: join(dir, 'cache'), ...extra });

  it('exec passes output through and exits with the command’s code', async () => {
    const r = await kubectl(['exec', 'web', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect(r).toEqual({ code: 3, stdout: 'out\n', stderr: 'err\ncommand terminated with exit code 3\n' });
  });

  it('exec -i streams stdin and ends it', async () => {
    const r = await kubectl(['exec', '-i', 'web', '--', 'sh', '-c', 'tr a-z A-Z; id -un'], { input: 'hello\n' });
    expect(r).toEqual({ code: 0, stdout: 'HELLO\nroot\n', stderr: '' });
  });

  it('exec -it gives a terminal of the caller’s size', async () => {
    const r = await kubectl(['exec', '-it', 'web', '--', 'sh', '-c', 'tty; stty size; exit 4'], { tty: true });
    expect(r.stdout).toMatch(/\/dev\/pts\/\d+\r\n\d+ \d+\r\n/);
    expect(r.code).toBe(4);
  });

  it('exec into a missing container fails as against a real kubelet', async () => {
    const r = await kubectl(['exec', 'web', '-c', 'nginx', '--', 'no-such-command']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]+": OCI runtime exec failed: .*executable file not found in \$PATH/);
  });

  it('attach -i talks to the container’s own process', async () => {
    const r = await kubectl(['attach', '-i', 'talk'], { input: 'kube\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('hello kube\n');
  });

  it('logs reads the container’s log, tailed', async () => {
    await kubectl(['exec', 'web', '--', 'curl', '-s', '-o', '/dev/null', 'http://127.0.0.1/kubectl-test']);
    const r = await kubectl(['logs', 'web', '--tail=1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^127\.0\.0\.1 - - \[.+\] "GET \/kubectl-test HTTP\/1\.1" 404 /);
  });
});
