import { text } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { DockerError } from './errors';
import type { HijackedStream } from './hijack';
import { dockerForTests, TestContainers, TEST_LABEL } from './test-docker';

const env = await dockerForTests();
if (!env.ok) console.warn(`[skip] Docker client tests: ${env.reason}`);

async function collect(s: HijackedStream): Promise<{ out: string; err: string }> {
  const [out, err] = await Promise.all([text(s.stdout), s.stderr ? text(s.stderr) : Promise.resolve('')]);
  await s.done;
  return { out, err };
}

describe.skipIf(!env.ok)('DockerClient against the real engine', () => {
  if (!env.ok) return;
  const { docker, image } = env;
  const made = new TestContainers(docker);
  afterAll(async () => {
    await made.cleanup();
    const left = await docker.listContainers([TEST_LABEL]);
    docker.close();
    // Nothing of ours is left behind (other runs may be going on at the same time).
    expect(left.filter((c) => c.Names.some((n) => n.includes(`-${process.pid}-`)))).toEqual([]);
  });

  const sleeper = () => made.create('sleep', { Image: image, Entrypoint: ['tini', '--', 'sleep', 'infinity'], Cmd: [], HostConfig: { CapDrop: ['ALL'] } });

  it('creates, starts, inspects, lists by label, stops and removes', async () => {
    const c = await sleeper();
    const info = await docker.inspectContainer(c.id);
    expect(info.State.Running).toBe(true);
    expect(info.Name).toBe(`/${c.name}`);
    expect(info.HostConfig.CapDrop).toEqual(['ALL']);
    const listed = await docker.listContainers([`${TEST_LABEL}`]);
    expect(listed.map((l) => l.Id)).toContain(c.id);
    await docker.startContainer(c.id); // already running: no error
    const t0 = Date.now();
    await docker.stopContainer(c.id, 10);
    // tini passes SIGTERM on: no waiting for the timeout.
    expect(Date.now() - t0).toBeLessThan(5000);
    expect((await docker.inspectContainer(c.id)).State).toMatchObject({ Running: false, Status: 'exited', ExitCode: 143 });
    await docker.removeContainer(c.id);
    await docker.removeContainer(c.id); // already gone: no error
    const missing = await docker.inspectContainer(c.id).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(DockerError);
    expect(missing).toMatchObject({ statusCode: 404, message: `No such container: ${c.id}` });
  });

  it('runs an exec without a TTY: stdin half-closed, stdout and stderr apart, exit code', async () => {
    const c = await sleeper();
    const id = await docker.createExec(c.id, { Cmd: ['sh', '-c', 'cat; echo oops >&2; exit 7'], AttachStdin: true, AttachStdout: true, AttachStderr: true });
    const s = await docker.startExec(id, false);
    s.stdin.write('line 1\n');
    s.stdin.end('line 2\n');
    expect(await collect(s)).toEqual({ out: 'line 1\nline 2\n', err: 'oops\n' });
    expect(await docker.execExitCode(id)).toBe(7);
  });

  it('runs an exec with a TTY and resizes it', async () => {
    const c = await sleeper();
    const id = await docker.createExec(c.id, { Cmd: ['sh', '-c', 'read x; stty size; echo "got $x"'], AttachStdin: true, AttachStdout: true, Tty: true, User: '101' });
    const s = await docker.startExec(id, true);
    expect(s.stderr).toBeNull();
    await docker.resizeExec(id, 132, 43);
    s.stdin.write('abc\r');
    const { out } = await collect(s);
    expect(out).toContain('43 132\r\n');
    expect(out).toContain('got abc');
    expect(await docker.execExitCode(id)).toBe(0);
  });

  it('serves logs with tail, timestamps and follow, demultiplexed', async () => {
    const c = await made.create('logs', { Image: image, Entrypoint: ['sh', '-c', 'echo one; echo two >&2; i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done'], Cmd: [] });
    const follow = new AbortController();
    const stream = await docker.containerLogs(c.id, false, { follow: true, signal: follow.signal });
    let seen = '';
    await new Promise<void>((resolve) => {
      stream.on('data', (b: Buffer) => {
        seen += b.toString();
        if (seen.includes('tick 2')) resolve();
      });
    });
    follow.abort();
    // stdout and stderr interleave as Docker read them; each line is whole.
    expect(seen.split('\n').slice(0, 4).sort()).toEqual(['one', 'tick 0', 'tick 1', 'two']);
    const tail = await text(await docker.containerLogs(c.id, false, { tail: 1, timestamps: true }));
    expect(tail).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z tick \d+\n$/);
  });

  it('attaches to a container’s own stdin and sees it end with StdinOnce', async () => {
    const c = await made.create('attach', { Image: image, Entrypoint: ['sh', '-c', 'read x; echo "hello $x"'], Cmd: [], OpenStdin: true, StdinOnce: true });
    const s = await docker.attachContainer(c.id, { stdin: true, stdout: true, stderr: true, tty: false });
    s.stdin.end('kube\n');
    const { out } = await collect(s);
    expect(out).toBe('hello kube\n');
    expect(await docker.waitContainer(c.id)).toBe(0);
  });

  it('reports events, images and volumes', async () => {
    const seen: string[] = [];
    const events = await docker.events({ filters: { type: ['container'], label: [TEST_LABEL] } }, (e) => seen.push(e.Action));
    const c = await sleeper();
    await docker.killContainer(c.id);
    await docker.waitContainer(c.id);
    await new Promise((r) => setTimeout(r, 200));
    events.close();
    await events.done;
    expect(seen).toEqual(expect.arrayContaining(['create', 'start', 'die']));
    expect((await docker.inspectContainer(c.id)).State.ExitCode).toBe(137);
    expect((await docker.inspectImage(image))?.Id).toMatch(/^sha256:/);
    expect(await docker.inspectImage('kubelab-rt-test/no-such-image:0')).toBeNull();
    await expect(docker.inspectVolume('kubelab-rt-test-no-such-volume')).rejects.toMatchObject({ statusCode: 404 });
  });
});
