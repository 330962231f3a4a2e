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
