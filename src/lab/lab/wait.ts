// Waiting until hosts answer: host-init writes /run/kubelab-ready (a tmpfs,
// empty at every boot) once the host's network and components are set up.
import type Docker from 'dockerode';
import type { ProgressSink } from '../../shared/engine';
import { execIn } from '../docker/exec';
import { LabError } from './errors';

/** How often a host that is not ready yet is asked again. */
const POLL_MS = 50;

export async function hostReady(docker: Docker, container: string): Promise<boolean> {
  try {
    const r = await execIn(docker, container, ['test', '-f', '/run/kubelab-ready'], { timeoutMs: 5000 });
    return r.exitCode === 0;
  } catch {
    return false;
  }
}

export async function waitForHosts(docker: Docker, containers: string[], timeoutMs: number, progress: ProgressSink): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(containers);
  await Promise.all(
    containers.map(async (name) => {
      while (Date.now() < deadline) {
        if (await hostReady(docker, name)) {
          pending.delete(name);
          progress({ task: 'up', step: 'ready', message: `${name.replace(/^.*?-/, '')} answers`, fraction: 1 - pending.size / containers.length });
          return;
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    }),
  );
  if (pending.size) throw new LabError(`These hosts did not come up within ${timeoutMs / 1000} s: ${[...pending].join(', ')}. See \`docker logs\` and /var/log/kubelab/host-init.log in them.`, 'timeout');
}
