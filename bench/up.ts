// Lab lifecycle: `up` from nothing (image present), `up` of a stopped lab,
// `down`, and the idle lab's memory; first for the hosts alone (the
// foundation, before any Kubernetes component runs), then for the whole lab
// (until nodes are Ready and the system pods run). Run: npm run bench -- up
import { connectDocker, currentEndpoint } from '../src/lab/docker/client';
import { labMemory } from '../src/lab/lab/memory';
import { labDown, labStop } from '../src/lab/lab/stop';
import { labUp } from '../src/lab/lab/up';
import { formatSummary, summarize } from './_stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const lab = process.env.KUBELAB_LAB || 'kubelab';
const docker = connectDocker();
const quiet = () => {};
const options = { lab, dockerSocket: currentEndpoint().daemonSocket, progress: quiet };

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

interface Cycle {
  fresh: number[];
  fromStopped: number[];
  down: number[];
  memory: number[];
}

async function cycles(kubernetes: boolean): Promise<Cycle> {
  const c: Cycle = { fresh: [], fromStopped: [], down: [], memory: [] };
  const up = () => labUp(docker, { ...options, kubernetes });
  await labDown(docker, lab, quiet);
  for (let i = 0; i < RUNS; i++) {
    c.fresh.push(await time(up));
    await new Promise((r) => setTimeout(r, Number(process.env.BENCH_SETTLE_MS ?? 3000)));
    c.memory.push((await labMemory(docker, lab)).total / 2 ** 20);
    await labStop(docker, lab, quiet);
    c.fromStopped.push(await time(up));
    c.down.push(await time(() => labDown(docker, lab, quiet)));
  }
  return c;
}

const hosts = await cycles(false);
console.log(formatSummary('hosts only: up from nothing (target <= 4 s)', summarize(hosts.fresh), 's'));
console.log(formatSummary('hosts only: up of a stopped lab (<= 2 s)', summarize(hosts.fromStopped), 's'));
console.log(formatSummary('hosts only: down', summarize(hosts.down), 's'));
console.log(formatSummary('hosts only: idle memory (<= 20 MiB)', summarize(hosts.memory), 'MiB', 1));
const whole = await cycles(true);
console.log(formatSummary('whole lab: up from nothing -> cluster ready', summarize(whole.fresh), 's'));
console.log(formatSummary('whole lab: up of a stopped lab -> ready', summarize(whole.fromStopped), 's'));
console.log(formatSummary('whole lab: down', summarize(whole.down), 's'));
console.log(formatSummary('whole lab: idle memory (all containers)', summarize(whole.memory), 'MiB', 1));
