// Issue "Foundation", bad starts: a subnet or the API port already taken by
// something that is not the lab. `kubelab up` must say what is in the way and
// what to do, and leave nothing of the lab behind.
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDown } from '../../src/lab/lab/stop';
import { docker, dockerNames, kubelab, lab } from './lab';

const STRANGER = 'kubelab-test-stranger';

function nothingOfTheLab(): void {
  expect(dockerNames('ps')).toEqual([]);
  expect(dockerNames('network')).toEqual([]);
  expect(dockerNames('volume')).toEqual([]);
}

describe('a start that finds its place taken', () => {
  beforeAll(async () => {
    await labDown(docker, lab, () => {});
  });
  afterAll(async () => {
    try {
      execFileSync('docker', ['network', 'rm', STRANGER], { stdio: 'ignore' });
    } catch {
      // already gone
    }
    await labDown(docker, lab, () => {});
  }, 120_000);

  it('names the subnet another network holds, says how to free it, and leaves nothing', () => {
    // Not the lab's: no label, a name of its own, the hosts' subnet.
    execFileSync('docker', ['network', 'create', '--subnet', '10.100.0.0/24', STRANGER], { stdio: 'ignore' });
    try {
      const r = kubelab(['up']);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('10.100.0.0/24');
      expect(r.stderr).toContain('docker network rm');
      nothingOfTheLab();
    } finally {
      execFileSync('docker', ['network', 'rm', STRANGER], { stdio: 'ignore' });
    }
  });

  it('names the API port another program holds, says how to choose another, and leaves nothing', async () => {
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    try {
      const r = kubelab(['up'], undefined, { KUBELAB_API_PORT: String(port) });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain(`Port ${port}`);
      expect(r.stderr).toContain('KUBELAB_API_PORT');
      nothingOfTheLab();
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });
});
