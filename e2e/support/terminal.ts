// Typing into a terminal pane and reading what xterm shows.
import type { Locator, Page } from 'playwright-core';

export function pane(page: Page, target: string): Locator {
  return page.locator(`[data-testid="terminal-pane"][data-target="${target}"]`).last();
}

export async function screenText(p: Locator): Promise<string> {
  return p.locator('.xterm-rows').innerText();
}

/**
 * Brings a pane to the front as a learner does: in the tabs layout only the
 * active tab's terminal is on screen, so a hidden one is shown by clicking its
 * tab (the last tab of that target, as `pane` takes the last pane).
 */
export async function show(page: Page, p: Locator): Promise<void> {
  if (await p.isVisible()) return;
  const target = await p.getAttribute('data-target');
  await page.locator(`[data-testid="terminal-tab"][data-target="${target}"]`).last().locator('.tab-label').click();
  await p.waitFor({ state: 'visible', timeout: 5_000 });
}

export async function typeIn(page: Page, p: Locator, text: string): Promise<void> {
  await show(page, p);
  await p.locator('.terminal-body').click();
  await page.keyboard.type(text);
}

let runs = 0;

/**
 * Runs a command in a pane's shell on a cleared screen, as a learner types it,
 * and waits until it has finished: a marker echoed after it carries its exit
 * status, which must be 0. Returns the screen (the command's output).
 */
export async function run(page: Page, p: Locator, command: string, timeoutMs = 30_000): Promise<string> {
  const mark = `e2e-done-${++runs}`;
  await typeIn(page, p, `clear; ${command}; echo "${mark}:$?"\n`);
  const done = new RegExp(`^${mark}:(\\d+)$`, 'm');
  const text = await waitForText(p, done, timeoutMs);
  const status = text.match(done)![1];
  if (status !== '0') throw new Error(`\`${command}\` exited with ${status}; the terminal shows:\n${text}`);
  return text;
}

/** Waits until the pane's screen matches; returns the screen text. */
export async function waitForText(p: Locator, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await screenText(p).catch(() => '');
    if (pattern.test(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`terminal never showed ${pattern}; it shows:\n${text}`);
}
