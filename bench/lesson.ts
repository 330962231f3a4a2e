// How long each step's check and each step's reset take on the live lab
// (targets: a check within 500 ms, a reset within 5 s). For every step in
// lesson order: reset it (timed), run its command in its host, wait until
// its check passes, then time the check several times with no deadline.
// Then the resets a learner's jump costs most: to every step from an empty
// cluster (everything made, pods started) and from the end of the lesson
// (everything later removed).
//   node scripts/run-ts.mjs bench/lesson.ts [--samples N] [--no-jumps] [--reset-lab]
// --reset-lab also times "reset lab" at the end (it empties the cluster).
import { connectDocker, currentEndpoint } from '../src/lab/docker/client';
import { execIn } from '../src/lab/docker/exec';
import { checkStep } from '../src/lab/lessons/checks/run';
import { LiveView } from '../src/lab/lessons/checks/view';
import { loadLesson } from '../src/lab/lessons/files';
import { LiveLab } from '../src/lab/lessons/live-access';
import { loadManifests } from '../src/lab/lessons/manifests';
import { resetLab, resetStep } from '../src/lab/lessons/reset';
import { DEFAULT_API_PORT } from '../src/lab/topology/plan';
import { up, until } from './_lab';
import { formatSummary, summarize } from './_stats';

const args = process.argv.slice(2);
const samples = Number(args[args.indexOf('--samples') + 1]) || 5;
const lab = process.env.KUBELAB_LAB || 'kubelab';
const docker = connectDocker(currentEndpoint());
const live = new LiveLab(docker, lab, `http://127.0.0.1:${Number(process.env.KUBELAB_API_PORT) || DEFAULT_API_PORT}`);
const lesson = loadLesson('services');
const manifests = loadManifests();
const NO_DEADLINE = 60_000;

// Start the lab only when it is not running: `up` on a running lab may push newer bundles and restart its hosts.
const master = await docker.getContainer(`${lab}-master`).inspect().catch(() => undefined);
if (!master?.State.Running) await up();
await until(async () => (await live.list('Node', undefined)).filter((n) => JSON.stringify(n.status).includes('"type":"Ready","status":"True"')).length >= 3, 300_000, 1_000);

const rows: { id: string; reset: number; settled: boolean; check: ReturnType<typeof summarize> | undefined; passed: boolean; note: string }[] = [];
for (const step of lesson.steps) {
  const reset = await resetStep(lesson, step.id, live, manifests);
  const command = await new LiveView(live).resolve(step.command).catch((e: Error) => e);
  let note = reset.settled ? '' : `reset pending: ${reset.pending.map((p) => p.en).join('; ')}`;
  if (command instanceof Error) note ||= `command: ${command.message}`;
  else await execIn(docker, `${lab}-${step.host}`, ['bash', '-lc', `cd /root && ${command}`], { timeoutMs: 30_000 });
  let answer = await checkStep(step, live, { deadlineMs: NO_DEADLINE });
  for (let i = 0; i < 80 && !answer.passed; i++) {
    await new Promise((r) => setTimeout(r, 250));
    answer = await checkStep(step, live, { deadlineMs: NO_DEADLINE });
  }
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await checkStep(step, live, { deadlineMs: NO_DEADLINE });
    times.push(performance.now() - started);
  }
  if (!answer.passed) note ||= answer.hint.en;
  rows.push({ id: step.id, reset: reset.ms, settled: reset.settled, check: summarize(times), passed: answer.passed, note });
  const c = summarize(times);
  console.log(
    `${step.id.padEnd(30)} reset ${String(reset.ms).padStart(5)} ms${reset.settled ? ' ' : '*'}  check median ${c.median.toFixed(0).padStart(4)} ms, max ${c.max.toFixed(0).padStart(4)} ms  ${answer.passed ? 'passed' : 'NOT PASSED'}${note ? `  (${note.slice(0, 120)})` : ''}`,
  );
}

const checkMax = Math.max(...rows.map((r) => r.check?.max ?? 0));
const resetMax = Math.max(...rows.map((r) => r.reset));
const slowChecks = rows.filter((r) => (r.check?.max ?? 0) > 500).map((r) => r.id);
const slowResets = rows.filter((r) => r.reset > 5_000 || !r.settled).map((r) => r.id);
console.log(`\n${rows.length} steps; ${rows.filter((r) => r.passed).length} passed after their command (* = reset not settled)`);
console.log(`checks: slowest ${checkMax.toFixed(0)} ms (target 500); over target: ${slowChecks.join(', ') || 'none'}`);
console.log(`resets: slowest ${resetMax} ms (target 5000); over target or unsettled: ${slowResets.join(', ') || 'none'}`);
console.log(formatSummary('check, every step (median of each)', summarize(rows.flatMap((r) => (r.check ? [r.check.median] : []))), 'ms', 0));
console.log(formatSummary('check, every step (slowest of each)', summarize(rows.flatMap((r) => (r.check ? [r.check.max] : []))), 'ms', 0));
console.log(formatSummary('reset this step, in lesson order', summarize(rows.map((r) => r.reset)), 'ms', 0));

if (!args.includes('--no-jumps')) {
  const first = lesson.steps[0]!.id;
  const last = lesson.steps.at(-1)!.id;
  const jump = async (from: string, to: string) => {
    await resetStep(lesson, from, live, manifests);
    return resetStep(lesson, to, live, manifests);
  };
  const fromEmpty: number[] = [];
  const fromEnd: number[] = [];
  const late: string[] = [];
  for (const step of lesson.steps) {
    const a = await jump(first, step.id);
    const b = await jump(last, step.id);
    fromEmpty.push(a.ms);
    fromEnd.push(b.ms);
    for (const [how, r] of [['from empty', a], ['from the end', b]] as const) if (!r.settled || r.ms > 5_000) late.push(`${step.id} ${how}: ${r.ms} ms ${r.pending.map((p) => p.en).join('; ')}`);
    console.log(`jump to ${step.id.padEnd(30)} from empty ${String(a.ms).padStart(5)} ms${a.settled ? ' ' : '*'}  from the end ${String(b.ms).padStart(5)} ms${b.settled ? ' ' : '*'}`);
  }
  console.log('');
  console.log(formatSummary('reset this step, from an empty cluster', summarize(fromEmpty), 'ms', 0));
  console.log(formatSummary('reset this step, from the lesson end', summarize(fromEnd), 'ms', 0));
  console.log(`over target or unsettled: ${late.join(' | ') || 'none'}`);
}

if (args.includes('--reset-lab')) {
  const r = await resetLab(live, manifests);
  console.log(`reset lab: ${r.ms} ms${r.settled ? '' : ` (not settled: ${r.pending.map((p) => p.en).join('; ')})`}`);
  console.log(formatSummary('reset lab', summarize([r.ms]), 'ms', 0));
}
