// The Debian bookworm base the recipe builds on: pulled where a registry
// answers, otherwise made here with debootstrap from the machine's own mirror.
import type Docker from 'dockerode';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ProgressSink } from '../../shared/engine';
import { followStream } from '../docker/stream';
import { cacheDir } from '../paths';
import { debianMirror, type SourcesFile } from './mirror';
import { BASE_IMAGE } from './recipe';

const PULL_SOURCE = 'debian:bookworm-slim';

export async function imageExists(docker: Docker, name: string): Promise<boolean> {
  try {
    await docker.getImage(name).inspect();
    return true;
  } catch {
    return false;
  }
}

function aptSources(): SourcesFile[] {
  const files: SourcesFile[] = [];
  const read = (path: string) => {
    try {
      files.push({ path, text: readFileSync(path, 'utf8') });
    } catch {
      // absent files are normal: each distribution uses some of these
    }
  };
  read('/etc/apt/sources.list');
  try {
    for (const name of readdirSync('/etc/apt/sources.list.d')) read(join('/etc/apt/sources.list.d', name));
  } catch {
    // no sources.list.d
  }
  return files;
}

function runLogged(cmd: string, args: string[], onLine: (line: string) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], signal });
    let tail = '';
    const feed = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-2000);
      for (const line of text.split('\n')) if (line.trim()) onLine(line.trim());
    };
    child.stdout.on('data', feed);
    child.stderr.on('data', feed);
    child.on('error', (err) => reject(err));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}: ${tail.trim().split('\n').slice(-3).join(' | ')}`))));
  });
}

async function pullBase(docker: Docker, progress: ProgressSink, signal?: AbortSignal): Promise<boolean> {
  try {
    const stream = await docker.pull(PULL_SOURCE);
    await followStream(docker, stream, (m) => progress({ task: 'image', step: 'base', message: [m.status, m.progress].filter(Boolean).join(' ') }), signal);
    await docker.getImage(PULL_SOURCE).tag({ repo: BASE_IMAGE.split(':')[0], tag: BASE_IMAGE.split(':')[1] });
    return true;
  } catch (err) {
    if (signal?.aborted) throw err;
    progress({ task: 'image', step: 'base', message: `no registry answered (${(err as Error).message.split('\n')[0]}); making the base with debootstrap` });
    return false;
  }
}

async function debootstrapBase(docker: Docker, progress: ProgressSink, signal?: AbortSignal): Promise<void> {
  if (process.platform !== 'linux') throw new Error('no registry answered and debootstrap needs Linux: load an image tarball instead (kubelab image load FILE)');
  const debootstrap = ['/usr/sbin/debootstrap', '/usr/bin/debootstrap'].find((p) => existsSync(p));
  if (!debootstrap) throw new Error('no registry answered and debootstrap is not installed: run `sudo apt-get install -y debootstrap`, or load an image tarball (kubelab image load FILE)');
  if (process.getuid && process.getuid() !== 0) throw new Error('debootstrap must run as root: run `sudo npx kubelab image build`, or load an image tarball (kubelab image load FILE)');
  const mirror = process.env.KUBELAB_DEBIAN_MIRROR ?? debianMirror(aptSources());
  if (!mirror) throw new Error('no Debian bookworm mirror found in /etc/apt/sources.list(.d): set KUBELAB_DEBIAN_MIRROR to one');
  const root = mkdtempSync(join(cacheDir('debootstrap'), 'rootfs-'));
  try {
    progress({ task: 'image', step: 'base', message: `debootstrap bookworm from ${mirror}` });
    let packages = 0;
    await runLogged(
      debootstrap,
      ['--variant=minbase', 'bookworm', root, mirror],
      (line) => {
        if (/^I: (Retrieving|Validating|Extracting|Unpacking|Configuring)/.test(line)) packages++;
        progress({ task: 'image', step: 'base', message: line, fraction: Math.min(0.95, packages / 500) });
      },
      signal,
    );
    // What debian:bookworm-slim leaves out: downloaded packages, indexes, docs.
    for (const dir of ['var/cache/apt/archives', 'var/lib/apt/lists', 'usr/share/doc', 'usr/share/man', 'usr/share/locale', 'usr/share/info']) {
      const path = join(root, dir);
      if (!existsSync(path)) continue;
      for (const entry of readdirSync(path)) if (entry !== 'partial' && entry !== 'lock') rmSync(join(path, entry), { recursive: true, force: true });
    }
    progress({ task: 'image', step: 'base', message: 'importing the base into Docker' });
    const tar = spawn('tar', ['-C', root, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [repo, tag] = BASE_IMAGE.split(':');
    const stream = await docker.importImage(tar.stdout, { repo, tag });
    await followStream(docker, stream, () => {}, signal);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function ensureBaseImage(docker: Docker, progress: ProgressSink, signal?: AbortSignal): Promise<void> {
  if (await imageExists(docker, BASE_IMAGE)) return;
  if (await pullBase(docker, progress, signal)) return;
  await debootstrapBase(docker, progress, signal);
}
