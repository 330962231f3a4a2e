// Shared helpers for the benchmarks that run against a real lab.
import { connectDocker, currentEndpoint } from '../src/lab/docker/client';
import { execIn } from '../src/lab/docker/exec';
import { labUp } from '../src/lab/lab/up';
import type { HostName } from '../src/lab/topology/plan';

export const lab = process.env.KUBELAB_LAB || 'kubelab';
export const docker = connectDocker();
export const quiet = () => {};

export function up(): ReturnType<typeof labUp> {
  return labUp(docker, { lab, dockerSocket: currentEndpoint().daemonSocket, progress: quiet });
}

export async function sh(host: HostName, command: string, timeoutMs = 120_000): Promise<string> {
  const r = await execIn(docker, `${lab}-${host}`, ['bash', '-c', command], { timeoutMs });
  if (r.exitCode !== 0) throw new Error(`${host}: ${command}: exit ${r.exitCode}: ${r.stderr || r.stdout}`);
  return r.stdout;
}

export async function kubectl(args: string): Promise<string> {
  return sh('master', `cd /root && kubectl ${args}`);
}

export async function until<T>(check: () => Promise<T | undefined | false>, timeoutMs = 30_000, intervalMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export const seconds = (startMs: number) => (performance.now() - startMs) / 1000;
