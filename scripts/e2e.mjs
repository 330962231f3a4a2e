// End-to-end tests: the app in Debian's Chromium through `kubelab serve`
// (playwright-core), and the Electron launch where its binary exists.
// Screenshots land in test-results/e2e/. The app must be built first.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const chromium = process.env.KUBELAB_CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`e2e: ${chromium} is missing. Install it: apt-get install -y chromium (or set KUBELAB_CHROMIUM).`);
  process.exit(1);
}
if (!existsSync('out/renderer/index.html') || !existsSync('dist/lab/kubelab.js')) {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'e2e/vitest.config.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
