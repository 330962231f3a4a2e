// Files the kubelet writes for a pod and bind-mounts into its containers. The
// kubelet writes them inside the node (under /var/lib/kubelet, a Docker volume);
// Docker needs the same files by the path the daemon sees, which is under the
// volume's mountpoint (or wherever the node's mount comes from).
import { posix } from 'node:path';
import type { MountPoint } from '../../docker/types';

export const KUBELET_DIR = '/var/lib/kubelet';

export interface PodFile {
  /** Where the kubelet writes it (inside the node). */
  path: string;
  /** The same file as the Docker daemon sees it: the bind mount's source. */
  source: string;
  /** Where it appears in the pod's containers. */
  target: string;
}

export interface PodFiles {
  dir: string;
  hosts: PodFile;
  resolvConf: PodFile;
}

/** `/var/lib/kubelet/pods/<uid>/etc-hosts` and `…/resolv.conf` (etc-hosts is the kubelet's own name). */
export function podFiles(uid: string, kubeletDir: string, kubeletDirOnDaemon: string): PodFiles {
  const rel = posix.join('pods', uid);
  const file = (name: string, target: string): PodFile => ({
    path: posix.join(kubeletDir, rel, name),
    source: posix.join(kubeletDirOnDaemon, rel, name),
    target,
  });
  return { dir: posix.join(kubeletDir, rel), hosts: file('etc-hosts', '/etc/hosts'), resolvConf: file('resolv.conf', '/etc/resolv.conf') };
}

/**
 * A path inside the node container as the daemon sees it, from the node's own
 * mounts (`docker inspect` of the node: `Mounts[].Destination` → `Source`).
 * Null when no mount covers it (the file lives in the node's own layer, which
 * the daemon cannot bind from).
 */
export function daemonPathFor(mounts: readonly MountPoint[], path: string): string | null {
  let best: MountPoint | null = null;
  for (const m of mounts) {
    const dest = m.Destination.replace(/\/+$/, '') || '/';
    const covers = path === dest || path.startsWith(dest === '/' ? '/' : `${dest}/`);
    if (covers && (!best || dest.length > best.Destination.replace(/\/+$/, '').length)) best = m;
  }
  if (!best) return null;
  const dest = best.Destination.replace(/\/+$/, '');
  return posix.join(best.Source, path.slice(dest.length));
}
