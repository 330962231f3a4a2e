// `npm run bench -- NAME...` runs benchmarks from bench/NAME.ts; with no name,
// all of them, and writes one report (JSON and Markdown) under
// docs/benchmarks/ with the machine it ran on. Every figure is a median with
// its spread over repeated runs; the report keeps each benchmark's own output.
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const available = readdirSync('bench').filter((f) => f.endsWith('.ts') && !f.startsWith('_')).map((f) => f.replace(/\.ts$/, ''));
// Those that start, stop or rebuild labs come last, so the quick ones report even if a lab misbehaves.
const ORDER = ['proxy-rules', 'dns-qps', 'up', 'cluster', 'services', 'lesson', 'terminal'];
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}. Available: ${available.join(', ')}`);
  process.exit(2);
}
const names = wanted.length ? wanted : [...available].sort((a, b) => (ORDER.indexOf(a) + 99 * (ORDER.indexOf(a) < 0)) - (ORDER.indexOf(b) + 99 * (ORDER.indexOf(b) < 0)));
const full = wanted.length === 0;
mkdirSync('.cache', { recursive: true });
const recordFile = '.cache/bench-record.jsonl';
rmSync(recordFile, { force: true });

const runs = [];
for (const name of names) {
  console.log(`\n### ${name}`);
  const started = Date.now();
  const r = spawnSync(process.execPath, ['scripts/run-ts.mjs', `bench/${name}.ts`], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_RECORD: recordFile, BENCH_NAME: name },
    maxBuffer: 64 << 20,
  });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  runs.push({ name, exitCode: r.status, seconds: (Date.now() - started) / 1000, output: r.stdout.trim() });
}

if (full) {
  const figures = readFileSync(recordFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const sh = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  };
  const machine = {
    date: new Date().toISOString(),
    os: `${os.type()} ${os.release()}`,
    cpus: `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    docker: sh('docker', ['version', '--format', '{{.Server.Version}}']),
  };
  mkdirSync('docs/benchmarks', { recursive: true });
  writeFileSync('docs/benchmarks/report.json', `${JSON.stringify({ machine, figures, runs: runs.map(({ output, ...r }) => ({ ...r, output })) }, null, 2)}\n`);
  const md = [
    '# KubeLab benchmark report',
    '',
    `Made by \`npm run bench\` on ${machine.date}: ${machine.os}, ${machine.cpus}, ${machine.memory}, Node.js ${machine.node}, Docker ${machine.docker}.`,
    '',
    '| benchmark | figure | median | min | max | n |',
    '|---|---|---|---|---|---|',
    ...figures.map((f) => `| ${f.benchmark} | ${f.label} | ${+f.median.toFixed(3)} ${f.unit} | ${+f.min.toFixed(3)} | ${+f.max.toFixed(3)} | ${f.n} |`),
    '',
    ...runs.flatMap((r) => [`## ${r.name} (${r.seconds.toFixed(0)} s${r.exitCode ? `, exit ${r.exitCode}` : ''})`, '', '```', r.output, '```', '']),
  ].join('\n');
  writeFileSync('docs/benchmarks/report.md', md);
  console.log('\nreport: docs/benchmarks/report.md, docs/benchmarks/report.json');
}
process.exit(runs.some((r) => r.exitCode !== 0) ? 1 : 0);
