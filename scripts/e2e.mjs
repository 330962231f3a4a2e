// End-to-end tests in Chromium through `kubelab serve` (Playwright). Until the
// UI exists there is nothing to drive: say so plainly.
import { existsSync } from 'node:fs';
if (!existsSync('e2e/playwright.config.ts')) {
  console.log('e2e: no end-to-end suite yet (the UI is not built); nothing run.');
  process.exit(0);
}
const { spawnSync } = await import('node:child_process');
const r = spawnSync(process.execPath, ['node_modules/playwright-core/cli.js', 'test', '-c', 'e2e/playwright.config.ts'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
