// Typing into a terminal pane and reading what xterm shows.
import type { Locator, Page } from 'playwright-core';

export function pane(page: Page, target: string): Locator {
  return page.locator(`[data-testid="terminal-pane"][data-target="${target}"]`).last();
}

export async function screenText(p: Locator): Promise<string> {
  return p.locator('.xterm-rows').innerText();
}

export async function typeIn(page: Page, p: Locator, text: string): Promise<void> {
  await p.locator('.terminal-body').click();
  await page.keyboard.type(text);
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
