// The real kubectl 1.35 (from the repo's cache) against our API server assembled
// in-process: the commands that send Kubernetes protobuf bodies (create deployment,
// namespace, service …) succeed, and `kubectl get` shows what they made.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../testing/apiserver';

const KUBECTL = resolve(process.cwd(), '.cache/kubectl/v1.35.2/kubectl');
const skip = existsSync(KUBECTL) ? null : `no kubectl at ${KUBECTL} (\`node bin/kubelab.js image build\` fetches it)`;
if (skip) console.warn(`[skip] kubectl protobuf tests: ${skip}`);

let api: TestApiServer;
let dir: string;

function kubectl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(KUBECTL, [`--kubeconfig=${join(dir, 'kubeconfig')}`, `--cache-dir=${join(dir, 'cache')}`, ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
      done({ code: err ? Number((err as { code?: unknown }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

async function ok(...args: string[]): Promise<string> {
  const r = await kubectl(...args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

/** A table's rows as arrays of cells, without the AGE column's changing value. */
function rows(table: string): string[][] {
  return table.trim().split('\n').slice(1).map((line) => line.trim().split(/\s{2,}/));
}

describe.skipIf(skip !== null)('kubectl commands that send protobuf', () => {
  beforeAll(async () => {
    api = await startTestApiServer();
    dir = mkdtempSync(join(tmpdir(), 'kubectl-protobuf-'));
    writeFileSync(join(dir, 'kubeconfig'), `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "${api.url}"}\nusers:\n- name: u\n  user: {}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n`);
  });
  afterAll(async () => {
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates a namespace', async () => {
    expect(await ok('create', 'namespace', 'demo')).toBe('namespace/demo created\n');
    expect(rows(await ok('get', 'namespace', 'demo'))).toEqual([['demo', 'Active', expect.any(String)]]);
  });

  it('creates deployments, keeping replicas: 0 when asked', async () => {
    expect(await ok('create', 'deployment', 'hello', '--image=nginx')).toBe('deployment.apps/hello created\n');
    expect(await ok('create', 'deployment', 'webui', '--image=nginx:1.25', '--port=80')).toBe('deployment.apps/webui created\n');
    expect(await ok('-n', 'demo', 'create', 'deployment', 'idle', '--image=busybox', '--replicas=0', '--', 'sleep', '3600')).toBe('deployment.apps/idle created\n');
    expect(await ok('get', 'deployment', 'hello', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.spec.selector.matchLabels.app}')).toBe('1 nginx hello');
    expect(await ok('-n', 'demo', 'get', 'deployment', 'idle', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].command}')).toBe('0 ["sleep","3600"]');
    expect(rows(await ok('get', 'deployments')).map((r) => r.slice(0, 4))).toEqual(expect.arrayContaining([['hello', '0/1', '0', '0'], ['webui', '0/1', '0', '0']]));
  });

  it('creates services of every type, and exposes a deployment', async () => {
    expect(await ok('create', 'service', 'clusterip', 'cs1', '--tcp=80:80')).toBe('service/cs1 created\n');
    expect(await ok('create', 'service', 'clusterip', 'hl1', '--clusterip=None', '--tcp=5678:8080')).toBe('service/hl1 created\n');
    expect(await ok('create', 'service', 'nodeport', 'np1', '--tcp=80:8080', '--node-port=30080')).toBe('service/np1 created\n');
    expect(await ok('create', 'service', 'loadbalancer', 'lb1', '--tcp=443:8443')).toBe('service/lb1 created\n');
    expect(await ok('create', 'service', 'externalname', 'ext1', '--external-name=example.com')).toBe('service/ext1 created\n');
    expect(await ok('expose', 'deployment', 'webui', '--port=8080', '--target-port=80')).toBe('service/webui exposed\n');
    const table = rows(await ok('get', 'services'));
    const byName = Object.fromEntries(table.map((r) => [r[0], r]));
    expect(byName.cs1).toEqual(['cs1', 'ClusterIP', expect.stringMatching(/^10\./), '<none>', '80/TCP', expect.any(String)]);
    expect(byName.hl1).toEqual(['hl1', 'ClusterIP', 'None', '<none>', '5678/TCP', expect.any(String)]);
    expect(byName.np1).toEqual(['np1', 'NodePort', expect.stringMatching(/^10\./), '<none>', '80:30080/TCP', expect.any(String)]);
    expect(byName.lb1).toEqual(['lb1', 'LoadBalancer', expect.stringMatching(/^10\./), '<pending>', expect.stringMatching(/^443:3\d{4}\/TCP$/), expect.any(String)]);
    expect(byName.ext1).toEqual(['ext1', 'ExternalName', '<none>', 'example.com', '<none>', expect.any(String)]);
    expect(byName.webui).toEqual(['webui', 'ClusterIP', expect.stringMatching(/^10\./), '<none>', '8080/TCP', expect.any(String)]);
    expect(await ok('get', 'service', 'webui', '-o', 'jsonpath={.spec.ports[0].targetPort} {.spec.selector.app}')).toBe('80 webui');
  });

  it('scales a deployment it created', async () => {
    expect(await ok('scale', 'deployment', 'hello', '--replicas=3')).toBe('deployment.apps/hello scaled\n');
    expect(await ok('get', 'deployment', 'hello', '-o', 'jsonpath={.spec.replicas}')).toBe('3');
  });
});
