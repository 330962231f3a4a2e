// Issue "disk nearly full during image build: clear error, no half image".
// A real disk fills, no mocks: small tmpfs mounts, and a throwaway Docker engine
// whose data root is one of them, so the main engine is never touched (it is
// only read from, to copy the Debian base into the throwaway one).
//   A: the build's cache is a 40 MB tmpfs and the engine has no base image, so
//      debootstrap runs there and fills it.
//   B: the engine's data root is a 400 MB tmpfs holding only the base, so the
//      recipe's apt-get fills it (the lab image alone is larger than that).
// Needs root (mount, dockerd, debootstrap) on Linux; otherwise it says so and skips.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmdirSync, rmSync, statfsSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDocker } from '../../src/lab/docker/client';
import { ensureBaseImage, imageExists } from '../../src/lab/image/base';
import { ensureKubectl, KUBECTL } from '../../src/lab/image/kubectl';
import { isDiskFull } from '../../src/lab/image/disk-full';
import { BASE_IMAGE } from '../../src/lab/image/recipe';

const MESSAGE = 'the disk ran out of space while building the image';

/** Why this machine cannot run the file at all, or undefined. */
function cannotRun(): string | undefined {
  if (process.platform !== 'linux') return 'needs Linux (tmpfs mounts, a second dockerd)';
  if (process.getuid?.() !== 0) return 'needs root (mount, dockerd, debootstrap)';
  for (const tool of ['dockerd', 'docker', 'mount', 'umount']) if (spawnSync('which', [tool]).status !== 0) return `needs ${tool} on PATH`;
  if (!['/usr/sbin/debootstrap', '/usr/bin/debootstrap'].some((p) => existsSync(p))) return 'needs debootstrap';
  return undefined;
}

/** Everything the file set up, so afterAll can take it down whatever happened. */
interface Scratch {
  dir: string;
  data: string; // the engine's data root: a 400 MB tmpfs
  small: string; // the build cache of phase A: a 40 MB tmpfs
  cache: string; // the build cache of phase B, on the real disk
  execRoot: string;
  socket: string;
  bridge?: string;
  rules: string[][]; // iptables argument lists, added with -A/-I, removed with -D
  cgroupParent: string;
  engine?: ChildProcess;
  networkProblem?: string;
}

let scratch: Scratch | undefined;
let skipReason = cannotRun();

function sh(cmd: string, args: string[]): { ok: boolean; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** The docker CLI against the throwaway engine. */
function docker2(...args: string[]): string {
  return execFileSync('docker', ['-H', `unix://${scratch!.socket}`, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `kubelab image build` as a user runs it, against the throwaway engine. */
function kubelabBuild(cache: string, verbose = false): { status: number; stderr: string; stdout: string; ms: number } {
  const started = Date.now();
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: `unix://${scratch!.socket}`, KUBELAB_CACHE: cache };
  delete env.DOCKER_CONTEXT;
  delete env.KUBELAB_VERBOSE;
  // Verbose: every build line, to show what the disk did (the user's message is the same either way).
  if (verbose) env.KUBELAB_VERBOSE = '1';
  const r = spawnSync(process.execPath, ['bin/kubelab.js', 'image', 'build'], { encoding: 'utf8', env, timeout: 240_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

function mountsUnder(dir: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[4] ?? '')
    .filter((m) => m === dir || m.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
}

/** Used bytes of a filesystem. */
function used(path: string): number {
  const s = statfsSync(path);
  return (s.blocks - s.bfree) * s.bsize;
}

/** A /24 in 10.213.0.0/16 that no interface of this machine uses. */
function freeSubnet(): string | undefined {
  const addrs = sh('ip', ['-4', '-o', 'addr']).out + sh('ip', ['-4', 'route']).out;
  for (let i = 0; i < 50; i++) {
    const third = randomBytes(1)[0]!;
    if (!addrs.includes(`10.213.${third}.`)) return `10.213.${third}`;
  }
  return undefined;
}

/** A bridge of its own with NAT for the engine's build containers: the engine itself is told to leave iptables alone. */
function setUpNetwork(s: Scratch): void {
  const prefix = freeSubnet();
  if (!prefix) return void (s.networkProblem = 'no free 10.213.x.0/24 for the throwaway bridge');
  if (!sh('which', ['iptables']).ok || !sh('which', ['ip']).ok) return void (s.networkProblem = 'needs ip and iptables for the throwaway bridge');
  const bridge = `kldf${randomBytes(3).toString('hex')}`;
  if (!sh('ip', ['link', 'add', bridge, 'type', 'bridge']).ok) return void (s.networkProblem = 'cannot create a bridge (ip link add)');
  s.bridge = bridge;
  sh('ip', ['addr', 'add', `${prefix}.1/24`, 'dev', bridge]);
  sh('ip', ['link', 'set', bridge, 'up']);
  const tag = ['-m', 'comment', '--comment', `kubelab disk-full test ${bridge}`];
  const rules = [
    ['-t', 'nat', 'POSTROUTING', '-s', `${prefix}.0/24`, '!', '-o', bridge, '-j', 'MASQUERADE', ...tag],
    ['-t', 'filter', 'FORWARD', '-i', bridge, '-j', 'ACCEPT', ...tag],
    ['-t', 'filter', 'FORWARD', '-o', bridge, '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT', ...tag],
  ];
  for (const rule of rules) {
    const [t, table, chain, ...spec] = rule as [string, string, string, ...string[]];
    // FORWARD's policy is DROP under Docker: our accepts go first, ahead of Docker's chains, and only match our bridge.
    const args = chain === 'FORWARD' ? [t, table, '-I', chain, '1', ...spec] : [t, table, '-A', chain, ...spec];
    if (!sh('iptables', args).ok) return void (s.networkProblem = `iptables ${args.join(' ')} failed`);
    s.rules.push(rule);
  }
}

async function startEngine(s: Scratch): Promise<void> {
  // An empty configuration: /etc/docker/daemon.json is the main engine's.
  writeFileSync(join(s.dir, 'daemon.json'), '{}');
  // Its own name, so that nothing looking for "dockerd" (pidof) mistakes it for the main engine.
  const binary = join(s.dir, 'dockerd-kubelab-diskfull');
  symlinkSync(execFileSync('which', ['dockerd'], { encoding: 'utf8' }).trim(), binary);
  const log = openSync(join(s.dir, 'dockerd.log'), 'a');
  const env: NodeJS.ProcessEnv = { ...process.env, HTTP_PROXY: 'http://127.0.0.1:9', HTTPS_PROXY: 'http://127.0.0.1:9', NO_PROXY: '' };
  delete env.DOCKER_HOST;
  // A dead proxy for the engine's own registry traffic: no registry answers, as on an offline machine, so phase A makes the base with debootstrap.
  s.engine = spawn(
    binary,
    [
      '--config-file', join(s.dir, 'daemon.json'),
      '-H', `unix://${s.socket}`,
      '--data-root', s.data,
      '--exec-root', s.execRoot,
      '--pidfile', join(s.dir, 'docker.pid'),
      ...(s.bridge ? ['--bridge', s.bridge] : ['--bridge', 'none']),
      '--iptables=false', '--ip6tables=false', '--ip-masq=false', '--ip-forward=false', '--userland-proxy=false',
      '--cgroup-parent', `/${s.cgroupParent}`,
      '--storage-driver', 'overlay2',
    ],
    { stdio: ['ignore', log, log], env, detached: true },
  );
  closeSync(log);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (s.engine.exitCode !== null) break;
    if (sh('docker', ['-H', `unix://${s.socket}`, 'version']).ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the throwaway dockerd did not start:\n${readFileSync(join(s.dir, 'dockerd.log'), 'utf8').split('\n').slice(-15).join('\n')}`);
}

async function stopEngine(s: Scratch): Promise<void> {
  const engine = s.engine;
  if (!engine?.pid) return;
  let containerd: number | undefined;
  try {
    containerd = Number(readFileSync(join(s.execRoot, 'containerd', 'containerd.pid'), 'utf8').trim()) || undefined;
  } catch {
    // never started
  }
  const gone = (pid: number) => !existsSync(`/proc/${pid}`) || /\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  const stop = async (pid: number) => {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 80 && !gone(pid); i++) await new Promise((r) => setTimeout(r, 250));
    if (!gone(pid)) process.kill(pid, 'SIGKILL');
  };
  if (engine.exitCode === null) await stop(engine.pid);
  if (containerd) await stop(containerd);
  // Any shim still serving the engine's containerd (its address is under our exec root).
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(s.execRoot)) await stop(Number(pid));
    } catch {
      // exited meanwhile
    }
  }
}

async function tearDown(s: Scratch): Promise<void> {
  await stopEngine(s);
  for (const mount of mountsUnder(s.dir)) if (!sh('umount', [mount]).ok) sh('umount', ['-l', mount]);
  for (const rule of s.rules.reverse()) {
    const [t, table, chain, ...spec] = rule as [string, string, string, ...string[]];
    sh('iptables', [t, table, '-D', chain, ...spec]);
  }
  if (s.bridge) sh('ip', ['link', 'del', s.bridge]);
  // The engine made its cgroup parent in every hierarchy; empty once its containers are gone.
  for (const hierarchy of existsSync('/sys/fs/cgroup') ? readdirSync('/sys/fs/cgroup') : []) {
    try {
      rmdirSync(join('/sys/fs/cgroup', hierarchy, s.cgroupParent));
    } catch {
      // not in this hierarchy (or a symlinked one already done)
    }
  }
  if (mountsUnder(s.dir).length === 0) rmSync(s.dir, { recursive: true, force: true });
}

describe('disk full during kubelab image build', () => {
  beforeAll(async () => {
    if (skipReason) return console.log(`[skip] disk-full tests: ${skipReason}`);
    const bundle = 'dist/lab/kubelab.js';
    if (!existsSync(bundle) || !readFileSync(bundle, 'utf8').includes(MESSAGE)) throw new Error(`${bundle} is older than the sources: run \`npm run build\` first`);
    const dir = mkdtempSync('/tmp/kubelab-diskfull-');
    const s: Scratch = {
      dir,
      data: join(dir, 'data'),
      small: join(dir, 'small'),
      cache: join(dir, 'cache'),
      execRoot: join(dir, 'exec'),
      socket: join(dir, 'docker.sock'),
      rules: [],
      cgroupParent: `kubelab-diskfull-${randomBytes(3).toString('hex')}`,
    };
    scratch = s;
    // If the runner dies, at least the engine does not outlive it.
    process.once('exit', () => {
      if (s.engine?.pid && s.engine.exitCode === null) process.kill(s.engine.pid, 'SIGKILL');
    });
    for (const [path, size] of [
      [s.data, '400m'],
      [s.small, '40m'],
    ] as const) {
      mkdirSync(path);
      const m = sh('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', path]);
      if (!m.ok) {
        skipReason = `cannot mount a tmpfs here (${m.out.trim()})`;
        return console.log(`[skip] disk-full tests: ${skipReason}`);
      }
    }
    mkdirSync(s.cache);
    setUpNetwork(s);
    await startEngine(s);
  });

  afterAll(async () => {
    if (!scratch) return;
    await tearDown(scratch);
    const left = [existsSync(scratch.dir) && scratch.dir, scratch.bridge && sh('ip', ['link', 'show', scratch.bridge]).ok && scratch.bridge].filter(Boolean);
    if (left.length) console.log(`[disk-full] could not clean up: ${left.join(', ')}`);
  });

  it('phase A: debootstrap fills the build cache: one clear message, exit 1, no temp dir, no base image', async (ctx) => {
    if (skipReason || !scratch) {
      console.log(`[skip] phase A: ${skipReason ?? 'not set up'}`);
      return ctx.skip();
    }
    const s = scratch;
    const engine = connectDocker({ socketPath: s.socket, description: s.socket, daemonSocket: s.socket });
    expect(await imageExists(engine, BASE_IMAGE), 'the throwaway engine starts without the base').toBe(false);

    const r = kubelabBuild(s.small);
    console.log(`[disk-full] phase A: exit ${r.status} after ${r.ms} ms\n${r.stderr.trim()}`);
    expect(r.status).toBe(1);
    expect(r.stderr.split(MESSAGE).length - 1, 'exactly one disk-full message').toBe(1);
    const errorLines = r.stderr.split('\n').filter((l) => l.startsWith('kubelab image:'));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toContain(`${MESSAGE} (making the Debian base with debootstrap; where: ${join(s.small, 'debootstrap')})`);
    expect(errorLines[0]).toContain('free at least 1 GB there');
    expect(errorLines[0]).toContain('run `kubelab image build` again. Nothing half-made was kept.');

    // Nothing half-made: no debootstrap tree, the tmpfs as empty as before, no image of any kind in the engine.
    expect(readdirSync(join(s.small, 'debootstrap'))).toEqual([]);
    expect(used(s.small)).toBeLessThan(1 << 20);
    expect(await imageExists(engine, BASE_IMAGE)).toBe(false);
    expect(docker2('images', '-a', '-q').trim()).toBe('');
  });

  it('phase B: apt-get in the recipe fills Docker\'s data root: one clear message, exit 1, no kubelab/lab tag, no step images', async (ctx) => {
    if (skipReason || !scratch) {
      console.log(`[skip] phase B: ${skipReason ?? 'not set up'}`);
      return ctx.skip();
    }
    const s = scratch;
    if (s.networkProblem) {
      console.log(`[skip] phase B: the build containers need a network and ${s.networkProblem}`);
      return ctx.skip();
    }
    // The base comes from the main engine (made there first if it is missing), read only.
    const main = connectDocker();
    if (!(await imageExists(main, BASE_IMAGE))) await ensureBaseImage(main, (e) => console.log(`[base] ${e.message}`));
    // (Another suite may be restarting the main engine: a few tries.)
    let load = { status: -1 as number | null, stderr: '' };
    for (let attempt = 0; attempt < 6 && load.status !== 0; attempt++) {
      if (attempt) await new Promise((r) => setTimeout(r, 5000));
      load = spawnSync('bash', ['-o', 'pipefail', '-c', `docker save ${BASE_IMAGE} | docker -H unix://${s.socket} load`], { encoding: 'utf8' });
    }
    expect(load.status, load.stderr).toBe(0);
    // apt-get must reach the mirror from the engine's containers, or the build fails for another reason.
    const probe = spawnSync('docker', ['-H', `unix://${s.socket}`, 'run', '--rm', BASE_IMAGE, 'apt-get', 'update'], { encoding: 'utf8', timeout: 120_000 });
    if (probe.status !== 0 || /^(Err|W|E):/m.test(`${probe.stdout}${probe.stderr}`)) {
      console.log(`[skip] phase B: the throwaway engine's containers cannot reach the Debian mirror:\n${`${probe.stdout}${probe.stderr}`.trim().split('\n').slice(-5).join('\n')}`);
      return ctx.skip();
    }
    // kubectl from the usual cache, so the build needs no npm download.
    const kubectlDir = join(s.cache, 'kubectl', KUBECTL.version);
    mkdirSync(kubectlDir, { recursive: true });
    copyFileSync(await ensureKubectl(), join(kubectlDir, 'kubectl'));
    const imagesBefore = docker2('images', '-a', '-q', '--no-trunc').trim().split('\n').sort();
    const dataBefore = used(s.data);

    const r = kubelabBuild(s.cache, true);
    const signs = r.stderr.split('\n').filter((l) => isDiskFull(l));
    console.log(`[disk-full] phase B: exit ${r.status} after ${r.ms} ms; ${signs.length} lines of the build said the disk was full, e.g.\n${signs[0]?.trim()}\n${r.stderr.trim().split('\n').pop()}`);
    // The build really ran into the full disk (dpkg or apt said so), not into something else.
    expect(signs.length).toBeGreaterThan(0);
    expect(r.status).toBe(1);
    expect(r.stderr.split(MESSAGE).length - 1, 'exactly one disk-full message').toBe(1);
    const errorLines = r.stderr.split('\n').filter((l) => l.startsWith('kubelab image:'));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toContain(`${MESSAGE} (running the Dockerfile; where: Docker's data root, ${s.data})`);
    expect(errorLines[0]).toContain('free at least 2 GB there (e.g. `docker system prune`');
    expect(errorLines[0]).toContain('run `kubelab image build` again. Nothing half-made was kept.');

    // Nothing half-made: no kubelab/lab tag, no step images, no build container, no build context.
    expect(docker2('images', '--format', '{{.Repository}}:{{.Tag}}').trim()).toBe(BASE_IMAGE);
    expect(docker2('images', '-a', '-q', '--no-trunc').trim().split('\n').sort()).toEqual(imagesBefore);
    expect(docker2('ps', '-a', '-q').trim()).toBe('');
    expect(existsSync(join(s.cache, 'image-context'))).toBe(false);
    // The data root is back to what the base takes (give or take Docker's own small files).
    expect(used(s.data) - dataBefore).toBeLessThan(8 << 20);
  });
});
