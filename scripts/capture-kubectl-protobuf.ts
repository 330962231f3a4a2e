// Records what the real kubectl sends as Kubernetes protobuf, as test fixtures for
// src/cluster/api/protobuf: for each command, the request body (NAME.bin) and, as the
// independent expectation, the same object as kubectl's own Go JSON encoder writes it
// with --dry-run=client -o json (NAME.json). kubectl talks to our API server assembled
// in-process, through a proxy that keeps the bodies.
//
// Usage: node scripts/run-ts.mjs scripts/capture-kubectl-protobuf.ts [KUBECTL]
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startTestApiServer } from '../src/cluster/testing/apiserver';

const KUBECTL = resolve(process.argv[2] ?? '.cache/kubectl/v1.35.2/kubectl');
const OUT = resolve('src/cluster/api/protobuf/testdata');

// name → kubectl arguments. Order matters: expose needs its deployment.
const CASES: [string, string[]][] = [
  ['namespace', ['create', 'namespace', 'demo']],
  ['deployment', ['create', 'deployment', 'hello', '--image=nginx']],
  ['deployment-zero', ['create', 'deployment', 'webui', '--image=nginx:1.25', '--replicas=0', '--port=80', '--', 'nginx', '-g', 'daemon off;']],
  ['service-clusterip', ['create', 'service', 'clusterip', 'cs1', '--tcp=80:80']],
  ['service-headless', ['create', 'service', 'clusterip', 'hl1', '--clusterip=None', '--tcp=5678:8080']],
  ['service-nodeport', ['create', 'service', 'nodeport', 'np1', '--tcp=80:8080', '--node-port=30080']],
  ['service-loadbalancer', ['create', 'service', 'loadbalancer', 'lb1', '--tcp=443:8443', '--tcp=80']],
  ['service-externalname', ['create', 'service', 'externalname', 'ext1', '--external-name=example.com']],
  ['expose', ['expose', 'deployment', 'webui', '--port=8080', '--target-port=80']],
];

// Commands only logged, to see what they send; a protobuf body is kept as NAME.bin with
// no JSON (there is no dry run to print it): its test states the expectation by hand.
const NODE = JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node1' } });
const POD = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p1', namespace: 'default' }, spec: { nodeName: 'node1', containers: [{ name: 'c', image: 'busybox' }] } });
const LOGGED: [string, string[], string?][] = [
  ['create-f', ['create', '-f', '-'], NODE],
  ['create-f-save-config', ['create', '--save-config', '-f', '-'], POD],
  ['run', ['run', 'r1', '--image=nginx']],
  ['scale', ['scale', 'deployment', 'hello', '--replicas=3']],
  ['label', ['label', 'deployment', 'hello', 'tier=web']],
  ['replace', ['replace', '-f', '-'], NODE],
  // Without pods/eviction in discovery, drain deletes the pods itself.
  ['drain-delete', ['drain', 'node1', '--force', '--ignore-daemonsets', '--timeout=5s', '--grace-period=7']],
  ['delete', ['delete', 'service', 'cs1']],
];

function kubectl(args: string[], env: { kubeconfig: string; cacheDir: string }, input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = execFile(KUBECTL, [`--kubeconfig=${env.kubeconfig}`, `--cache-dir=${env.cacheDir}`, ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
      done({ code: err ? Number((err as { code?: unknown }).code ?? -1) : 0, stdout, stderr });
    });
    child.stdin?.end(input ?? '');
  });
}

const api = await startTestApiServer();
const bodies: { method: string; url: string; type: string; body: Buffer }[] = [];
const upstream = new URL(api.url);
const proxy = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    if (body.length) bodies.push({ method: req.method!, url: req.url!, type: String(req.headers['content-type'] ?? ''), body });
    const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    out.end(body);
  });
});
await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', ok));
const port = (proxy.address() as AddressInfo).port;
const dir = mkdtempSync(join(tmpdir(), 'kubectl-capture-'));
const kubeconfig = join(dir, 'kubeconfig');
writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "http://127.0.0.1:${port}"}\nusers:\n- name: u\n  user: {}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n`);
const env = { kubeconfig, cacheDir: join(dir, 'cache') };
mkdirSync(OUT, { recursive: true });
try {
  for (const [name, args] of CASES) {
    const dry = await kubectl([...args.slice(0, args.indexOf('--') < 0 ? args.length : args.indexOf('--')), '--dry-run=client', '-o', 'json', ...(args.includes('--') ? args.slice(args.indexOf('--')) : [])], env);
    if (dry.code !== 0) throw new Error(`${name} (dry run): ${dry.stderr}`);
    bodies.length = 0;
    const real = await kubectl(args, env);
    const sent = bodies.filter((b) => b.method !== 'GET');
    console.log(`${name}: exit ${real.code} ${real.stdout.trim()}${real.stderr.trim()} — ${sent.map((b) => `${b.method} ${b.url} ${b.type} (${b.body.length} bytes)`).join('; ')}`);
    const proto = sent.find((b) => b.type.startsWith('application/vnd.kubernetes.protobuf'));
    if (!proto) continue;
    writeFileSync(join(OUT, `${name}.bin`), proto.body);
    writeFileSync(join(OUT, `${name}.json`), `${JSON.stringify({ method: proto.method, url: proto.url, object: JSON.parse(dry.stdout) }, null, 2)}\n`);
  }
  for (const [name, args, input] of LOGGED) {
    bodies.length = 0;
    const real = await kubectl(args, env, input);
    const sent = bodies.filter((b) => b.method !== 'GET');
    console.log(`${name}: exit ${real.code} ${real.stdout.trim()}${real.stderr.trim()} — ${sent.map((b) => `${b.method} ${b.url} ${b.type} (${b.body.length} bytes)`).join('; ')}`);
    const proto = sent.find((b) => b.type.startsWith('application/vnd.kubernetes.protobuf'));
    if (proto) writeFileSync(join(OUT, `${name}.bin`), proto.body);
  }
} finally {
  proxy.close();
  await api.close();
  rmSync(dir, { recursive: true, force: true });
}
