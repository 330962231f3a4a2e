// What the host's supervisor is running: host-init writes /run/kubelab-NAME.pid
// for every component it starts; /proc says whether that process lives.
import { readFileSync, statSync } from 'node:fs';
import type { ComponentProcess } from './mirror';

export function readComponent(name: string, previous?: ComponentProcess): ComponentProcess {
  let pid: number | undefined;
  try {
    pid = Number(readFileSync(`/run/kubelab-${name}.pid`, 'utf8').trim()) || undefined;
  } catch {
    pid = undefined;
  }
  let argv: string[] = [];
  let startedAt: string | undefined;
  if (pid) {
    try {
      argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      startedAt = statSync(`/proc/${pid}`).mtime.toISOString().replace(/\.\d+Z$/, 'Z');
    } catch {
      argv = [];
    }
  }
  const running = argv.length > 0;
  // A new pid after a first one means the supervisor restarted it.
  const restarted = previous?.pid !== undefined && pid !== undefined && previous.pid !== pid;
  return { name, argv: running ? argv : previous?.argv ?? [], running, startedAt: running ? startedAt : previous?.startedAt, restarts: (previous?.restarts ?? 0) + (restarted ? 1 : 0), pid };
}
