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
  const ignoreGone = (err: { statusCode?: number }) => {
    if (err.statusCode !== 404 && err.statusCode !== 409) throw err;
  };
  const removeAll = async (containers: { id: string; name: string; host?: string }[]) =>
    Promise.all(
      containers.map(async (c) => {
        progress({ task: 'down', step: c.host ?? c.name, message: `removing ${c.name}` });
        await docker.getContainer(c.id).remove({ force: true, v: true }).catch(ignoreGone);
      }),
    );
  // Hosts first: their kubelets would otherwise recreate pod containers while we remove them.
  const first = await inventory(docker, lab);
  await removeAll(first.containers.filter((c) => c.role === 'host'));
  let removed = first.containers.filter((c) => c.role === 'host').length;
  // Then whatever is left (pods), until nothing is.
  for (let round = 0; round < 5; round++) {
    const rest = (await inventory(docker, lab)).containers;
    if (rest.length === 0) break;
    await removeAll(rest);
    removed += rest.length;
  }
  const inv = await inventory(docker, lab);
  await Promise.all(inv.volumes.map((v) => docker.getVolume(v).remove().catch(ignoreGone)));
  await Promise.all(inv.networks.map((n) => removeNetwork(docker, n.id, n.name)));
  progress({ task: 'down', message: 'removed', done: true });
  return { containers: removed, networks: inv.networks.length, volumes: inv.volumes.length };
}

/** Removes a network; Docker sometimes needs a moment after its last container went away. */
export async function removeNetwork(docker: Docker, id: string, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await docker.getNetwork(id).remove();
      return;
    } catch (err) {
      const e = err as { statusCode?: number; message?: string };
      if (e.statusCode === 404) return;
      if (!/active endpoints/.test(e.message ?? '') || attempt >= 10) {
        throw new Error(
          /active endpoints/.test(e.message ?? '')
            ? `Docker still counts a container on network ${name} although none is attached (a leftover in Docker's own bookkeeping). Restart the Docker engine (sudo systemctl restart docker) and run \`kubelab down\` again.`
            : (e.message ?? String(err)),
        );
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}
