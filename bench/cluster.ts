// The control plane's numbers (issue "Control plane"): up from nothing to a
// ready cluster, create -> 3/3 pods Ready, kubectl round trips, idle memory
// with the webui pods, and the API server under 50 watchers + 200 gets/s.
// Run: npm run bench -- cluster
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureKubectl } from '../src/lab/image/kubectl';
import { desktopKubeconfig } from '../src/lab/lab/kubeconfig';
import { labCpu, labMemory } from '../src/lab/lab/memory';
import { labDown } from '../src/lab/lab/stop';
import { DEFAULT_API_PORT } from '../src/lab/topology/plan';
import { docker, lab, quiet, seconds, sh, until, up } from './_lab';
import { formatSummary, summarize } from './_stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const port = Number(process.env.KUBELAB_API_PORT || DEFAULT_API_PORT);

function get(path: string, agent?: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent, headers: { accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
  });
}

async function readyWebui(): Promise<number> {
  const { body } = await get('/api/v1/namespaces/default/pods?labelSelector=app%3Dwebui');
  const items = (JSON.parse(body) as { items: { status?: { conditions?: { type: string; status: string }[] } }[] }).items;
  return items.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
}

const dir = mkdtempSync(join(tmpdir(), 'kubelab-bench-'));
const kubeconfig = join(dir, 'config');
writeFileSync(kubeconfig, desktopKubeconfig(lab, port));
const kubectlBin = await ensureKubectl();
const kubectl = (...args: string[]) => spawnSync(kubectlBin, ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), ...args], { encoding: 'utf8' });

const upTimes: number[] = [];
const deployTimes: number[] = [];
const firstDeployment: number[] = [];
for (let i = 0; i < RUNS; i++) {
  await labDown(docker, lab, quiet);
  const t0 = performance.now();
  await up();
  upTimes.push(seconds(t0));
  const t1 = performance.now();
  const created = kubectl('create', '-f', 'resources/manifests/deploy-nginx.yaml');
  if (created.status !== 0) throw new Error(created.stderr);
  await until(async () => (await readyWebui()) === 3, 30_000, 10);
  deployTimes.push(seconds(t1));
  // minikube's time-to-k8s end point: the deployment runs and the cluster DNS answers.
  await until(async () => (await sh('node1', 'dig +short +time=1 +tries=1 @10.96.0.10 kubernetes.default.svc.cluster.local')).trim() === '10.96.0.1', 30_000, 10);
  firstDeployment.push(seconds(t0));
}
console.log(formatSummary('up from nothing -> cluster ready', summarize(upTimes), 's'));
console.log(formatSummary('create deploy-nginx -> 3/3 Ready', summarize(deployTimes), 's'));
console.log(formatSummary('time to first deployment (+DNS)', summarize(firstDeployment), 's'));

kubectl('get', 'pods');
const roundTrips: number[] = [];
for (let i = 0; i < 20; i++) {
  const t = performance.now();
  kubectl('get', 'pods');
  roundTrips.push(performance.now() - t);
}
console.log(formatSummary('kubectl get pods (warm cache)', summarize(roundTrips), 'ms', 0));

await new Promise((r) => setTimeout(r, 5000));
const memories: number[] = [];
for (let i = 0; i < 5; i++) {
  memories.push((await labMemory(docker, lab)).total / 2 ** 20);
  await new Promise((r) => setTimeout(r, 1000));
}
console.log(formatSummary('idle memory, 3 webui pods (docker stats)', summarize(memories), 'MiB', 0));
const cpu: number[] = [];
for (let i = 0; i < 5; i++) cpu.push(await labCpu(docker, lab, 2000));
console.log(formatSummary('idle CPU of the lab (of one core)', summarize(cpu), '%', 1));

// 50 watchers held open while gets arrive at 200 per second for 10 seconds.
const watchers = await Promise.all(
  Array.from({ length: 50 }, () =>
    new Promise<http.ClientRequest>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/api/v1/pods?watch=true&allowWatchBookmarks=true' }, (res) => {
        res.resume();
        resolve(req);
      });
      req.on('error', () => resolve(req));
    }),
  ),
);
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
let errors = 0;
const latencies: number[] = [];
const pending: Promise<void>[] = [];
const start = performance.now();
for (let i = 0; i < 2000; i++) {
  const due = start + i * 5;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const t = performance.now();
  pending.push(
    get('/api/v1/namespaces/default/pods', agent).then(
      (r) => {
        if (r.status !== 200) errors++;
        latencies.push(performance.now() - t);
      },
      () => void errors++,
    ),
  );
}
await Promise.all(pending);
const rate = 2000 / seconds(start);
for (const w of watchers) w.destroy();
agent.destroy();
console.log(formatSummary(`gets at ${rate.toFixed(0)}/s with 50 watchers`, summarize(latencies), 'ms', 1) + `  errors ${errors}`);
