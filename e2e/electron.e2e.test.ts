// The desktop app starts: Electron's window loads the app with the preload's
// contract and none of Node. Runs where the Electron binary exists (the
// electron package could download it) and a display does; says plainly when
// it skipped.
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS } from './support/browser';
import { ROOT } from './support/lab';

function electronBinary(): string | undefined {
  try {
    const path = createRequire(join(ROOT, 'package.json'))('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
const display = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const why = !binary ? 'no Electron binary here (node_modules/electron has no dist: its download host is out of reach)' : !display ? 'no display (set DISPLAY, e.g. under xvfb-run)' : '';
if (why) console.log(`e2e: SKIPPED the Electron launch test: ${why}`);

describe.runIf(!why)('the Electron app', () => {
  it('opens one locked-down window with the first-run screen', async () => {
    const app = await _electron.launch({
      executablePath: binary!,
      args: [ROOT],
      env: { ...process.env, KUBELAB_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'kubelab-e2e-electron-')) } as Record<string, string>,
    });
    try {
      const page = await app.firstWindow();
      await page.getByTestId('first-run').waitFor({ timeout: 30_000 });
      expect(await page.title()).toBe('KubeLab');
      // The contract is there, Node is not.
      expect(await page.evaluate(() => typeof (window as unknown as { kubelab?: unknown }).kubelab)).toBe('object');
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
      expect(page.url()).toMatch(/^kubelab:\/\/app\//);
      // Navigation away is refused.
      await page.evaluate(() => (location.href = 'https://example.com/'));
      await page.waitForTimeout(500);
      expect(page.url()).toMatch(/^kubelab:\/\/app\//);
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
      await page.screenshot({ path: join(ARTIFACTS, '20-electron.png') });
    } finally {
      await app.close();
    }
  });
});
