// Lab lifecycle: `up` from nothing (image present), `up` of a stopped lab,
// `down`, and the idle lab's memory. Run: npm run bench -- up
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

const fresh: number[] = [];
const fromStopped: number[] = [];
const down: number[] = [];
const memory: number[] = [];

await labDown(docker, lab, quiet);
for (let i = 0; i < RUNS; i++) {
  fresh.push(await time(() => labUp(docker, options)));
  await new Promise((r) => setTimeout(r, Number(process.env.BENCH_SETTLE_MS ?? 3000)));
  memory.push((await labMemory(docker, lab)).total / 2 ** 20);
  await labStop(docker, lab, quiet);
  fromStopped.push(await time(() => labUp(docker, options)));
  down.push(await time(() => labDown(docker, lab, quiet)));
}

console.log(formatSummary('up from nothing (image present)', summarize(fresh), 's'));
console.log(formatSummary('up of a stopped lab', summarize(fromStopped), 's'));
console.log(formatSummary('down', summarize(down), 's'));
console.log(formatSummary('idle lab memory (all containers)', summarize(memory), 'MiB', 1));
