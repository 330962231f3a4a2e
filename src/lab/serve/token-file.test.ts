import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TOKEN_FILE, loadOrCreateToken } from './token-file';

describe('the saved serve token', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'kubelab-token-'));
    dirs.push(d);
    return join(d, 'config');
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('is made once, readable by its owner only, and the same on the next start', () => {
    const d = dir();
    const first = loadOrCreateToken(d);
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(statSync(join(d, TOKEN_FILE)).mode & 0o777).toBe(0o600);
    expect(loadOrCreateToken(d)).toBe(first);
  });

  it('is replaced when asked, or when the file holds something else', () => {
    const d = dir();
    const first = loadOrCreateToken(d);
    const rotated = loadOrCreateToken(d, true);
    expect(rotated).not.toBe(first);
    expect(readFileSync(join(d, TOKEN_FILE), 'utf8').trim()).toBe(rotated);
    writeFileSync(join(d, TOKEN_FILE), 'short');
    const fresh = loadOrCreateToken(d);
    expect(fresh).not.toBe('short');
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});
