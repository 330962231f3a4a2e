// The lab the end-to-end tests use. One lab per Docker engine: when a lab is
// already running (another test run, a developer), the tests use it and leave
// it running; when they start it themselves (from the UI), they remove every
// container and network it made at the end (`kubelab down`).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const LAB = process.env.KUBELAB_LAB || 'kubelab';

export function kubelab(args: string[], input?: string): { code: number; out: string } {
  try {
    const out = execFileSync(process.execPath, [join(ROOT, 'bin/kubelab.js'), ...args], { cwd: ROOT, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, KUBELAB_LAB: LAB } });
    return { code: 0, out };
  } catch (err) {
    const e = err as { status?: number; stdout?: string; stderr?: string };
    return { code: e.status ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

export function labRunning(): boolean {
  const r = kubelab(['status', '--json']);
  if (r.code !== 0) return false;
  return (JSON.parse(r.out) as { state: string }).state === 'running';
}

/** The control plane's components are built (they land in other issues): the cluster steps can run. */
export function controlPlaneBuilt(): boolean {
  return ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy'].every((c) => existsSync(join(ROOT, 'dist/cluster', `${c}.js`)));
}

export interface Served {
  url: string;
  configDir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** `kubelab serve` on a free port (or the one given), with its own settings folder unless env names one. */
export async function startServe(env: Record<string, string> = {}, port = 0): Promise<Served> {
  const configDir = env.KUBELAB_CONFIG_DIR ?? mkdtempSync(join(tmpdir(), 'kubelab-e2e-config-'));
  const child = spawn(process.execPath, [join(ROOT, 'bin/kubelab.js'), 'serve', '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, KUBELAB_LAB: LAB, KUBELAB_CONFIG_DIR: configDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kubelab serve printed no address: ${output}`)), 15_000);
    const read = (c: Buffer) => {
      output += c.toString();
      const m = output.match(/(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => reject(new Error(`kubelab serve exited (${code}): ${output}`)));
  });
  return {
    url,
    configDir,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A port nothing listens on (for an API server that is not there). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * An application root whose image recipe differs from the real one by a comment:
 * its image tag is one Docker does not have, so the first-run screen offers to
 * build or load it. Everything else links to the real build.
 */
export async function rootWithNewRecipe(): Promise<string> {
  const { cpSync, mkdtempSync: mk, symlinkSync, appendFileSync } = await import('node:fs');
  const root = mk(join(tmpdir(), 'kubelab-e2e-root-'));
  for (const link of ['out', 'dist', 'package.json', 'node_modules']) symlinkSync(join(ROOT, link), join(root, link));
  cpSync(join(ROOT, 'resources'), join(root, 'resources'), { recursive: true });
  appendFileSync(join(root, 'resources/image/Dockerfile'), `\n# e2e ${Date.now()}: a recipe Docker has no image for\n`);
  return root;
}
