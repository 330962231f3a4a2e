// Builds everything that runs: the cluster bundles copied into the hosts, the
// kubelab command line, and the app (Electron main, preload, renderer).
// Runs on `npm ci` (prepare), so a fresh clone is usable at once.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

// One bundle per control-plane component; each runs as its own process inside a host.
// The image's Node.js is Debian bookworm's (18), so the bundles target it.
export const clusterComponents = {
  'kube-apiserver': 'src/cluster/apiserver/main.ts',
  'kube-controller-manager': 'src/cluster/controllers/main.ts',
  'kube-scheduler': 'src/cluster/scheduler/main.ts',
  kubelet: 'src/cluster/kubelet/main.ts',
  'kube-proxy': 'src/cluster/proxy/main.ts',
  coredns: 'src/cluster/dns/main.ts',
  'kubelab-cloud': 'src/cluster/cloud/main.ts',
};

const started = Date.now();
const only = process.argv.slice(2);
const want = (part) => only.length === 0 || only.includes(part);

if (want('cluster')) {
  const entryPoints = Object.entries(clusterComponents)
    .filter(([, file]) => existsSync(file))
    .map(([out, file]) => ({ out, in: file }));
  if (entryPoints.length > 0) {
    await build({
      entryPoints,
      outdir: 'dist/cluster',
      bundle: true,
      platform: 'node',
      target: 'node18',
      format: 'cjs',
      sourcemap: 'inline',
      sourcesContent: false,
      legalComments: 'none',
      logLevel: 'warning',
      // ws tries optional native helpers; the pure-JS paths are enough.
      external: ['bufferutil', 'utf-8-validate'],
    });
  }
}

if (want('cluster')) {
  // The hosts' own scripts (host-init and friends) travel with the bundles.
  mkdirSync('dist/cluster/bin', { recursive: true });
  for (const file of readdirSync('src/cluster/host').filter((f) => f.endsWith('.sh'))) {
    const out = `dist/cluster/bin/${file.replace(/\.sh$/, '')}`;
    copyFileSync(`src/cluster/host/${file}`, out);
    chmodSync(out, 0o755);
  }
}

if (want('cli')) {
  await build({
    entryPoints: { kubelab: 'src/lab/cli/main.ts' },
    outdir: 'dist/lab',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: true,
    packages: 'external',
    logLevel: 'warning',
  });
}

if (want('app') && existsSync('src/main/index.ts')) {
  const r = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
