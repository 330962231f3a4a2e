// The serve token lives in the settings folder, so a `kubelab serve` started
// again (after a crash, a kill, a reboot) accepts the tabs that were open:
// their cookie still matches, and they reconnect by themselves.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TOKEN_FILE = 'serve-token';

/** 24 random bytes, base64url: what serve.ts makes. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32}$/;

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The saved token, or a new one saved (owner-only) when there is none, it is malformed, or `rotate` asks. */
export function loadOrCreateToken(dir: string, rotate = false): string {
  const file = join(dir, TOKEN_FILE);
  if (!rotate) {
    try {
      const saved = readFileSync(file, 'utf8').trim();
      if (TOKEN_SHAPE.test(saved)) return saved;
    } catch {
      // none yet
    }
  }
  const token = newToken();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${token}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
  return token;
}
