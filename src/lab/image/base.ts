// The Debian bookworm base the recipe builds on: pulled where a registry
// answers, otherwise made here with debootstrap from the machine's own mirror.
import type Docker from 'dockerode';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, fstatSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ProgressSink } from '../../shared/engine';
import { followStream } from '../docker/stream';
import { cacheDir, cachePath } from '../paths';
import { DiskFullError, errorText, isDiskFull } from './disk-full';
import { debianMirror, type SourcesFile } from './mirror';
import { BASE_IMAGE } from './recipe';

const PULL_SOURCE = 'debian:bookworm-slim';

export async function imageExists(docker: Docker, name: string): Promise<boolean> {
  try {
    await docker.getImage(name).inspect();
    return true;
  } catch (err) {
    // Only "no such image" means absent; an engine that is not answering must not send the learner off to rebuild.
    if ((err as { statusCode?: number }).statusCode === 404) return false;
    throw err;
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

/** Runs a command, one callback per output line; a failure carries the output's tail as `output`. */
function runLogged(cmd: string, args: string[], onLine: (line: string) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], signal });
    let tail = '';
    const feed = (chunk: Buffer) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-16_000);
      for (const line of text.split('\n')) if (line.trim()) onLine(line.trim());
    };
    child.stdout.on('data', feed);
    child.stderr.on('data', feed);
    child.on('error', (err) => reject(err));
    child.on('close', (code) => {
      if (code === 0) return resolve();
      reject(Object.assign(new Error(`${cmd} exited with ${code}: ${tail.trim().split('\n').slice(-3).join(' | ')}`), { output: tail }));
    });
  });
}

/** The last `bytes` of a file, or '' when it cannot be read. */
function fileTail(path: string, bytes = 64_000): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    const buffer = Buffer.alloc(Math.min(bytes, size));
    readSync(fd, buffer, 0, buffer.length, size - buffer.length);
    return buffer.toString();
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Removes the debootstrap tree. A debootstrap that was killed may leave /proc,
 * /sys or /dev mounted inside it: those are unmounted first, and removal never
 * crosses into another filesystem. Returns what is left (nothing, or the tree).
 */
function removeRootfs(root: string): string[] {
  let real = root;
  try {
    real = realpathSync(root);
  } catch {
    // already gone
  }
  const mountsUnder = (): string[] => {
    try {
      return readFileSync('/proc/self/mountinfo', 'utf8')
        .split('\n')
        .map((line) => line.split(' ')[4]?.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))) ?? '')
        .filter((m) => m === real || m.startsWith(`${real}/`));
    } catch {
      return [];
    }
  };
  for (const mount of mountsUnder().sort((a, b) => b.length - a.length)) spawnSync('umount', ['-l', mount], { stdio: 'ignore' });
  if (mountsUnder().length > 0) return [root];
  const rm = spawnSync('rm', ['-rf', '--one-file-system', root], { stdio: 'ignore' });
  if (rm.error) rmSync(root, { recursive: true, force: true });
  return existsSync(root) ? [root] : [];
}

/** Docker's data root as the engine reports it, for messages. */
export async function dockerDataRoot(docker: Docker): Promise<string | undefined> {
  try {
    return ((await docker.info()) as { DockerRootDir?: string }).DockerRootDir || undefined;
  } catch {
    return undefined;
  }
}

async function pullBase(docker: Docker, progress: ProgressSink, signal?: AbortSignal): Promise<boolean> {
  try {
    const stream = await docker.pull(PULL_SOURCE);
    await followStream(docker, stream, (m) => progress({ task: 'image', step: 'base', message: [m.status, m.progress].filter(Boolean).join(' ') }), signal);
    await docker.getImage(PULL_SOURCE).tag({ repo: BASE_IMAGE.split(':')[0], tag: BASE_IMAGE.split(':')[1] });
    return true;
  } catch (err) {
    if (signal?.aborted) throw err;
    // Docker's disk is full: debootstrap's import would fill it the same way.
    if (isDiskFull(errorText(err))) throw new DiskFullError({ place: { side: 'docker', dataRoot: await dockerDataRoot(docker) }, step: 'pulling the Debian base', leftovers: [] });
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
  const parent = cachePath('debootstrap');
  const hostFull = (step: string, leftovers: string[]) => new DiskFullError({ place: { side: 'host', path: parent }, step, leftovers });
  let root: string;
  try {
    root = mkdtempSync(join(cacheDir('debootstrap'), 'rootfs-'));
  } catch (err) {
    if (isDiskFull(errorText(err))) throw hostFull('making the Debian base with debootstrap', []);
    throw err;
  }
  const [repo, tag] = BASE_IMAGE.split(':') as [string, string];
  let phase: 'debootstrap' | 'import' = 'debootstrap';
  let failure: unknown;
  let details = '';
  try {
    progress({ task: 'image', step: 'base', message: `debootstrap bookworm from ${mirror}` });
    let packages = 0;
    try {
      await runLogged(
        debootstrap,
        ['--variant=minbase', 'bookworm', root, mirror],
        (line) => {
          if (/^I: (Retrieving|Validating|Extracting|Unpacking|Configuring)/.test(line)) packages++;
          progress({ task: 'image', step: 'base', message: line, fraction: Math.min(0.95, packages / 500) });
        },
        signal,
      );
    } catch (err) {
      // debootstrap prints only its own summary; wget, unxz and dpkg write theirs to its log in the tree.
      details = fileTail(join(root, 'debootstrap', 'debootstrap.log'));
      throw err;
    }
    // What debian:bookworm-slim leaves out: downloaded packages, indexes, docs.
    for (const dir of ['var/cache/apt/archives', 'var/lib/apt/lists', 'usr/share/doc', 'usr/share/man', 'usr/share/locale', 'usr/share/info']) {
      const path = join(root, dir);
      if (!existsSync(path)) continue;
      for (const entry of readdirSync(path)) if (entry !== 'partial' && entry !== 'lock') rmSync(join(path, entry), { recursive: true, force: true });
    }
    progress({ task: 'image', step: 'base', message: 'importing the base into Docker' });
    phase = 'import';
    const tar = spawn('tar', ['-C', root, '-c', '.'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let tarErr = '';
    tar.stderr.on('data', (chunk: Buffer) => (tarErr = (tarErr + chunk.toString()).slice(-2000)));
    const tarDone = new Promise<number | null>((resolve) => tar.on('close', (code) => resolve(code)));
    try {
      const stream = await docker.importImage(tar.stdout, { repo, tag });
      await followStream(docker, stream, () => {}, signal);
    } catch (err) {
      tar.kill();
      await tarDone;
      throw err;
    }
    // A tar that stopped half-way would have handed Docker half a tree.
    const code = await tarDone;
    if (code !== 0) throw new Error(`tar of the base tree exited with ${code}: ${tarErr.trim().split('\n').slice(-3).join(' | ')}`);
  } catch (err) {
    failure = err;
  }
  const leftovers = removeRootfs(root);
  if (failure === undefined) {
    if (leftovers.length) progress({ task: 'image', step: 'base', message: `could not remove ${root}; remove it by hand` });
    return;
  }
  // The base was absent before: whatever now carries its name is a half import.
  if (phase === 'import' && (await imageExists(docker, BASE_IMAGE).catch(() => false))) {
    await docker
      .getImage(BASE_IMAGE)
      .remove({ force: true })
      .catch(() => leftovers.push(BASE_IMAGE));
  }
  if (isDiskFull(`${errorText(failure)}\n${details}`)) {
    if (phase === 'debootstrap') throw hostFull('making the Debian base with debootstrap', leftovers);
    throw new DiskFullError({ place: { side: 'docker', dataRoot: await dockerDataRoot(docker) }, step: 'importing the Debian base into Docker', leftovers });
  }
  throw failure;
}

export async function ensureBaseImage(docker: Docker, progress: ProgressSink, signal?: AbortSignal): Promise<void> {
  if (await imageExists(docker, BASE_IMAGE)) return;
  if (await pullBase(docker, progress, signal)) return;
  await debootstrapBase(docker, progress, signal);
}
