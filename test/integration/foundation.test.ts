// Issue "Foundation": the hosts come up, talk to each other, are sealed from
// the outside, heal after a restart, and leave nothing behind when removed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labDown } from '../../src/lab/lab/stop';
import { docker, dockerNames, exec, kubelab, lab, up } from './lab';

describe('the lab hosts', () => {
  beforeAll(async () => {
    await up();
  });
  afterAll(async () => {
    await labDown(docker, lab, () => {});
  });

  it('comes up with five ready hosts (kubelab up, as a user runs it)', () => {
    const r = kubelab(['up', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const status = JSON.parse(r.stdout) as { state: string; hosts: { name: string; ip: string; ready: boolean }[] };
    expect(status.state).toBe('running');
    expect(status.hosts.map((h) => [h.name, h.ip, h.ready])).toEqual([
      ['master', '10.100.0.104', true],
      ['node1', '10.100.0.101', true],
      ['node2', '10.100.0.102', true],
      ['station', '10.100.0.200', true],
      ['cloud', '10.100.0.250', true],
    ]);
  });

  it('lets the station ping node1 by name', async () => {
    const r = kubelab(['exec', 'station', '--', 'ping', '-c1', '-W2', 'node1']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('1 received');
  });

  it('passes exit codes through kubelab exec', () => {
    expect(kubelab(['exec', 'master', '--', 'bash', '-c', 'exit 7']).status).toBe(7);
  });

  it('logs in from master to node2 over ssh without a password', () => {
    const r = kubelab(['exec', 'master', '--', 'ssh', '-o', 'BatchMode=yes', 'node2', 'hostname']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('node2');
  });

  it('keeps the station out of the pod and service ranges', async () => {
    for (const target of ['10.244.1.1', '10.244.2.1', '10.96.0.1', '10.100.100.100']) {
      const r = await exec('station', ['curl', '-sS', '-m', '2', `http://${target}/`]);
      expect(r.exitCode, `${target} answered: ${r.stdout}`).not.toBe(0);
    }
  });

  it('routes between nodes and their pod gateways', async () => {
    const r = await exec('node1', ['ping', '-c1', '-W2', '10.244.2.1']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
  });

  it('shows Korean text in a host as UTF-8', async () => {
    const r = await exec('master', ['bash', '-c', 'printf "%s" "쿠버네티스" | wc -m; locale charmap']);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['5', 'UTF-8']);
  });

  it('heals a node after docker restart', async () => {
    await docker.getContainer(`${lab}-node1`).restart({ t: 2 });
    await up();
    const addr = await exec('node1', ['ip', '-4', '-o', 'addr']);
    expect(addr.stdout).toContain('10.244.1.1/24');
    expect(addr.stdout).not.toContain('10.244.1.254');
    const routes = await exec('node1', ['ip', 'route']);
    expect(routes.stdout).toContain('10.244.2.0/24 via 10.100.0.102');
    // The only way out is a gateway address nothing owns: the lab stays sealed.
    expect(routes.stdout).toContain('default via 10.100.0.1');
  });

  it('stops and starts again', () => {
    expect(kubelab(['stop']).status).toBe(0);
    // Stop keeps every host (and any pod a cluster made) but runs none of them.
    expect(dockerNames('running')).toEqual([]);
    expect(dockerNames('ps', 'label=io.kubelab.role=host')).toHaveLength(5);
    const r = kubelab(['up', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).state).toBe('running');
  });

  it('removes every container, network and volume on down', () => {
    const r = kubelab(['down']);
    expect(r.status, r.stderr).toBe(0);
    expect(dockerNames('ps')).toEqual([]);
    expect(dockerNames('network')).toEqual([]);
    expect(dockerNames('volume')).toEqual([]);
  });
});
