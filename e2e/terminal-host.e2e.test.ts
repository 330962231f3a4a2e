// Terminals against a real container, beside the shared lab and without
// touching it: a throwaway host made from the lab image stands in for one of
// the lab's hosts, so it can be restarted and stopped under an open terminal.
// Both ways of running a shell are exercised: node-pty with the docker CLI,
// and the Engine API's TTY exec used where no docker CLI exists.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TerminalExit } from '../src/shared/api';
import { connectDocker } from '../src/lab/docker/client';
import { execIn } from '../src/lab/docker/exec';
import { imageExists } from '../src/lab/image/base';
import { imageTag } from '../src/lab/image/recipe';
import { findDockerCli } from '../src/lab/terminal/docker-cli';
import { TerminalManager } from '../src/lab/terminal/manager';

const docker = connectDocker();
const lab = `kltest${randomBytes(3).toString('hex')}`;
const container = `${lab}-station`;
let present = false;

beforeAll(async () => {
  present = await imageExists(docker, imageTag());
  if (!present) return;
  const c = await docker.createContainer({
    name: container,
    Image: imageTag(),
    Entrypoint: ['/usr/bin/tini', '--', 'sleep', 'infinity'],
    Cmd: [],
    HostConfig: { NetworkMode: 'none', RestartPolicy: { Name: 'no' } },
  });
  await c.start();
});

afterAll(async () => {
  await docker.getContainer(container).remove({ force: true }).catch(() => {});
});

function harness(cli: string | undefined) {
  let screen = '';
  const exits: TerminalExit[] = [];
  const m = new TerminalManager(docker, lab, { data: (_id, d) => (screen += d), exit: (e) => exits.push(e) }, cli);
  const waitFor = async (p: () => boolean, what: string, ms = 20_000) => {
    const deadline = Date.now() + ms;
    while (!p()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${screen.slice(-500)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return { m, exits, waitFor, screen: () => screen, clear: () => (screen = '') };
}

describe.each([
  ['node-pty + docker CLI', findDockerCli()],
  ['Engine API TTY exec', undefined],
])('a host terminal through %s', (_name, cli) => {
  it('runs a login shell in root\'s home, passes Korean both ways, and resizes', async (ctx) => {
    if (!present) return ctx.skip();
    if (_name.startsWith('node-pty') && !cli) return ctx.skip();
    const h = harness(cli);
    const { id, title } = await h.m.open({ kind: 'host', host: 'station' }, { cols: 100, rows: 30 });
    expect(title).toBe('station');
    await h.waitFor(() => h.screen().includes('#'), 'the prompt');
    h.m.write(id, "pwd; echo '한글 OK'-$((6*7)); stty size\r");
    await h.waitFor(() => /한글 OK-42/.test(h.screen()) && /30 100/.test(h.screen()), 'the echo and the size');
    expect(h.screen()).toMatch(/^\/root\r?$/m);
    h.m.resize(id, { cols: 132, rows: 40 });
    await new Promise((r) => setTimeout(r, 200));
    h.m.write(id, 'stty size\r');
    await h.waitFor(() => /40 132/.test(h.screen()), 'the new size');
    h.m.close(id);
  });

  it('hangs up the shell in the host when the terminal closes, with what runs in it', async (ctx) => {
    if (!present) return ctx.skip();
    if (_name.startsWith('node-pty') && !cli) return ctx.skip();
    const h = harness(cli);
    const { id } = await h.m.open({ kind: 'host', host: 'station' }, { cols: 80, rows: 24 });
    await h.waitFor(() => h.screen().includes('#'), 'the prompt');
    h.m.write(id, 'sleep 31337\r');
    await new Promise((r) => setTimeout(r, 500));
    // Lines that start with the command (this check's own `sh -c` line does not).
    const running = async () => (await execIn(docker, container, ['sh', '-c', 'ps -eo args | grep -E "^(sleep 31337|bash)" || true'])).stdout.trim();
    expect(await running()).not.toBe('');
    h.m.close(id);
    await h.m.settled();
    expect(await running()).toBe('');
    expect((await execIn(docker, container, ['sh', '-c', 'ls /tmp/.kubelab-terminal-* 2>/dev/null | wc -l'])).stdout.trim()).toBe('0');
  });
});

describe('a host that restarts or stops under a terminal', () => {
  it('says the host restarted, and a new terminal works', async (ctx) => {
    if (!present) return ctx.skip();
    const h = harness(findDockerCli());
    const { id } = await h.m.open({ kind: 'host', host: 'station' }, { cols: 80, rows: 24 });
    await h.waitFor(() => h.screen().includes('#'), 'the prompt');
    await docker.getContainer(container).restart({ t: 1 });
    await h.waitFor(() => h.exits.length > 0, 'the exit');
    expect(h.exits[0], JSON.stringify(h.exits[0])).toMatchObject({ id, reason: 'host-restarted', message: 'station restarted' });
    h.clear();
    const again = await h.m.open({ kind: 'host', host: 'station' }, { cols: 80, rows: 24 });
    h.m.write(again.id, 'echo back-$((1+1))\r');
    await h.waitFor(() => /back-2/.test(h.screen()), 'the new shell');
    h.m.close(again.id);
  });

  it('says the host stopped, and refuses to open one on a stopped host', async (ctx) => {
    if (!present) return ctx.skip();
    const h = harness(findDockerCli());
    await h.m.open({ kind: 'host', host: 'station' }, { cols: 80, rows: 24 });
    await h.waitFor(() => h.screen().includes('#'), 'the prompt');
    await docker.getContainer(container).stop({ t: 1 });
    await h.waitFor(() => h.exits.length > 0, 'the exit');
    expect(h.exits[0]!.reason).toBe('host-stopped');
    await expect(h.m.open({ kind: 'host', host: 'station' }, { cols: 80, rows: 24 })).rejects.toThrow(/station is not running/);
  });
});
