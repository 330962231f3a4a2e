// `kubelab stop` keeps everything and stops it; `kubelab down` removes
// everything the lab created (containers, networks, volumes), never the image.
import type Docker from 'dockerode';
import type { ProgressSink } from '../../shared/engine';
import { inventory } from './inventory';

export async function labStop(docker: Docker, lab: string, progress: ProgressSink): Promise<number> {
  const inv = await inventory(docker, lab);
  const running = inv.containers.filter((c) => c.state === 'running' || c.state === 'restarting');
  await Promise.all(
    running.map(async (c) => {
      progress({ task: 'stop', step: c.host ?? c.name, message: `stopping ${c.name}` });
      await docker.getContainer(c.id).stop({ t: 5 }).catch((err: { statusCode?: number }) => {
        if (err.statusCode !== 304) throw err; // 304: already stopped
      });
    }),
  );
  progress({ task: 'stop', message: `stopped ${running.length} containers`, done: true });
  return running.length;
}

export async function labDown(docker: Docker, lab: string, progress: ProgressSink): Promise<{ containers: number; networks: number; volumes: number }> {
  const inv = await inventory(docker, lab);
  await Promise.all(
    inv.containers.map(async (c) => {
      progress({ task: 'down', step: c.host ?? c.name, message: `removing ${c.name}` });
      await docker.getContainer(c.id).remove({ force: true, v: true }).catch((err: { statusCode?: number }) => {
        if (err.statusCode !== 404) throw err;
      });
    }),
  );
  await Promise.all(inv.networks.map((n) => docker.getNetwork(n.id).remove().catch((err: { statusCode?: number }) => {
    if (err.statusCode !== 404) throw err;
  })));
  await Promise.all(inv.volumes.map((v) => docker.getVolume(v).remove().catch((err: { statusCode?: number }) => {
    if (err.statusCode !== 404) throw err;
  })));
  progress({ task: 'down', message: 'removed', done: true });
  return { containers: inv.containers.length, networks: inv.networks.length, volumes: inv.volumes.length };
}
