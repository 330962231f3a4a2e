// What the engine copies into a host before it starts: the cluster bundles and
// host scripts (under /opt/kubelab) and, on master, the lesson's manifests.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TarEntry } from '../docker/tar';
import { clusterBundleDir, resourcesDir } from '../paths';

export interface HostBundle {
  version: string;
  entries: TarEntry[];
  /** The cluster components this build has (kube-apiserver, kubelet, ...). */
  components: string[];
}

function walk(dir: string, prefix = ''): { rel: string; path: string }[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      const rel = prefix ? `${prefix}/${name}` : name;
      return statSync(path).isDirectory() ? walk(path, rel) : [{ rel, path }];
    });
}

/** The bundles and scripts, stamped with a version that changes whenever any of them does. */
export function hostBundle(): HostBundle {
  const dir = clusterBundleDir();
  if (!existsSync(join(dir, 'bin', 'host-init'))) throw new Error(`the cluster bundles are not built (${dir}): run \`npm run build\``);
  const files = walk(dir);
  const hash = createHash('sha256');
  const entries: TarEntry[] = [{ name: 'opt/kubelab', type: 'dir' }, { name: 'opt/kubelab/bin', type: 'dir' }];
  for (const f of files) {
    const data = readFileSync(f.path);
    hash.update(f.rel).update('\0').update(data);
    const executable = f.rel.startsWith('bin/');
    entries.push({ name: `opt/kubelab/${f.rel}`, data, mode: executable ? 0o755 : 0o644 });
  }
  const version = hash.digest('hex').slice(0, 16);
  entries.push({ name: 'opt/kubelab/VERSION', data: `${version}\n` });
  const components = files.filter((f) => !f.rel.includes('/') && f.rel.endsWith('.js')).map((f) => f.rel.replace(/\.js$/, ''));
  return { version, entries, components };
}

/** The lesson's manifests, as they land in master's home directory. */
export function manifestEntries(): TarEntry[] {
  const dir = resourcesDir('manifests');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ name: `root/${f}`, data: readFileSync(join(dir, f)) }));
}
