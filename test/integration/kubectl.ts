// The real kubectl, two ways: in master's terminal (as the learner types it)
// and on the desktop through `kubelab kubeconfig` (as Lens or a local kubectl).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureKubectl } from '../../src/lab/image/kubectl';
import { desktopKubeconfig } from '../../src/lab/lab/kubeconfig';
import { DEFAULT_API_PORT } from '../../src/lab/topology/plan';
import { exec, lab } from './lab';

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** `kubectl ARGS` in master, from /root (where the lesson's manifests are). */
export async function kubectl(args: string, options: { input?: string } = {}): Promise<Run> {
  const command = options.input !== undefined ? `cd /root && kubectl ${args} <<'KUBELAB_EOF'\n${options.input}\nKUBELAB_EOF` : `cd /root && kubectl ${args}`;
  const r = await exec('master', ['bash', '-c', command]);
  return { code: r.exitCode, out: r.stdout, err: r.stderr };
}

let desktop: { binary: string; kubeconfig: string; cacheDir: string } | undefined;

/** kubectl on the desktop, against the published API port (a fresh discovery cache per run). */
export async function desktopKubectl(args: string[]): Promise<Run> {
  if (!desktop) {
    const dir = mkdtempSync(join(tmpdir(), 'kubelab-kubectl-'));
    const kubeconfig = join(dir, 'config');
    writeFileSync(kubeconfig, desktopKubeconfig(lab, Number(process.env.KUBELAB_API_PORT || DEFAULT_API_PORT)));
    desktop = { binary: await ensureKubectl(), kubeconfig, cacheDir: join(dir, 'cache') };
  }
  const r = spawnSync(desktop.binary, ['--kubeconfig', desktop.kubeconfig, '--cache-dir', desktop.cacheDir, ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** Polls `check` until it returns a value, or fails with the last error after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 15_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms${last ? `: ${(last as Error).message ?? last}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export interface PodRow {
  name: string;
  ready: string;
  status: string;
  ip: string;
  node: string;
}

/** `kubectl get pods -o wide` rows, as the learner reads them. */
export async function pods(selector = ''): Promise<PodRow[]> {
  const r = await kubectl(`get pods -o wide --no-headers ${selector ? `-l ${selector}` : ''}`);
  return r.out
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('No resources'))
    .map((line) => {
      const c = line.trim().split(/\s+/);
      return { name: c[0]!, ready: c[1]!, status: c[2]!, ip: c[5]!, node: c[6]! };
    });
}

/** Waits until exactly `n` pods match, all Running and ready. */
export async function runningPods(selector: string, n: number, timeoutMs = 20_000): Promise<PodRow[]> {
  return eventually(async () => {
    const rows = await pods(selector);
    return rows.length === n && rows.every((p) => p.status === 'Running' && p.ready === '1/1') ? rows : undefined;
  }, timeoutMs);
}
