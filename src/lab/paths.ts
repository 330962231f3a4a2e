// Where KubeLab's own files are. The CLI bundle (dist/lab), the Electron main
// bundle (out/main) and the sources under test (src/lab) all sit two levels
// below the application root, so one rule finds it; KUBELAB_ROOT overrides.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function appRoot(): string {
  if (process.env.KUBELAB_ROOT) return resolve(process.env.KUBELAB_ROOT);
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

export function resourcesDir(...parts: string[]): string {
  return join(appRoot(), 'resources', ...parts);
}

export function clusterBundleDir(): string {
  return join(appRoot(), 'dist', 'cluster');
}

/** Where a folder of the cache is (KUBELAB_CACHE overrides), without creating it. */
export function cachePath(...parts: string[]): string {
  return join(process.env.KUBELAB_CACHE ? resolve(process.env.KUBELAB_CACHE) : join(appRoot(), '.cache'), ...parts);
}

/** A writable cache (downloads, build contexts); created on first use. */
export function cacheDir(...parts: string[]): string {
  const dir = cachePath(...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}
