// Memory of the lab's containers, counted as `docker stats` counts it: usage
// minus the page cache (cgroup v1 "cache", cgroup v2 "inactive_file").
import type Docker from 'dockerode';
import { inventory } from './inventory';

interface MemoryStats {
  usage?: number;
  stats?: { cache?: number; inactive_file?: number; total_inactive_file?: number };
}

export function workingSet(m: MemoryStats): number {
  const usage = m.usage ?? 0;
  const cache = m.stats?.total_inactive_file ?? m.stats?.inactive_file ?? m.stats?.cache ?? 0;
  return Math.max(0, usage - cache);
}

export async function labMemory(docker: Docker, lab: string): Promise<{ total: number; byContainer: Record<string, number> }> {
  const inv = await inventory(docker, lab);
  const running = inv.containers.filter((c) => c.state === 'running');
  const byContainer: Record<string, number> = {};
  await Promise.all(
    running.map(async (c) => {
      const stats = (await docker.getContainer(c.id).stats({ stream: false })) as { memory_stats?: MemoryStats };
      byContainer[c.name] = workingSet(stats.memory_stats ?? {});
    }),
  );
  return { total: Object.values(byContainer).reduce((a, b) => a + b, 0), byContainer };
}

interface CpuStats {
  cpu_usage?: { total_usage?: number };
}

/** CPU used by all of the lab's containers over `windowMs`, in percent of one core. */
export async function labCpu(docker: Docker, lab: string, windowMs: number): Promise<number> {
  const running = (await inventory(docker, lab)).containers.filter((c) => c.state === 'running');
  const read = async () => {
    const all = await Promise.all(running.map(async (c) => ((await docker.getContainer(c.id).stats({ stream: false })) as { cpu_stats?: CpuStats }).cpu_stats?.cpu_usage?.total_usage ?? 0));
    return all.reduce((a, b) => a + b, 0);
  };
  const before = await read();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, windowMs));
  const after = await read();
  return ((after - before) / 1e6 / (performance.now() - t0)) * 100;
}
