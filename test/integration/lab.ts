// Helpers for integration tests: the one lab of this Docker engine.
import { execFileSync, spawnSync } from 'node:child_process';
import { connectDocker, currentEndpoint } from '../../src/lab/docker/client';
import { execIn, type ExecResult } from '../../src/lab/docker/exec';
import { labUp } from '../../src/lab/lab/up';
import type { HostName } from '../../src/lab/topology/plan';

export const lab = process.env.KUBELAB_LAB || 'kubelab';
export const docker = connectDocker();

export async function up(): Promise<void> {
  await labUp(docker, { lab, dockerSocket: currentEndpoint().daemonSocket, progress: () => {} });
}

export function exec(host: HostName, cmd: string[] | string, options: { timeoutMs?: number } = {}): Promise<ExecResult> {
  const argv = typeof cmd === 'string' ? ['bash', '-c', cmd] : cmd;
  return execIn(docker, `${lab}-${host}`, argv, { timeoutMs: options.timeoutMs ?? 60_000 });
}

/** Runs the kubelab CLI as a user would (the built bundle). */
export function kubelab(args: string[], input?: string, env: Record<string, string> = {}): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/kubelab.js', ...args], { encoding: 'utf8', input, env: { ...process.env, KUBELAB_LAB: lab, ...env } });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Names of the lab's Docker objects; `ps` lists stopped containers too unless `running`. */
export function dockerNames(kind: 'ps' | 'running' | 'network' | 'volume', ...filters: string[]): string[] {
  const extra = filters.flatMap((f) => ['--filter', f]);
  const args =
    kind === 'ps' || kind === 'running'
      ? ['ps', ...(kind === 'ps' ? ['-a'] : []), '--filter', `label=io.kubelab.lab=${lab}`, ...extra, '--format', '{{.Names}}']
      : [kind, 'ls', '--filter', `label=io.kubelab.lab=${lab}`, '--format', '{{.Name}}'];
  return execFileSync('docker', args, { encoding: 'utf8' }).split('\n').filter(Boolean);
}
