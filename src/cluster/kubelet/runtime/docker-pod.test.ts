// A pod made of real Docker containers from this layer's specs: sandbox with
// a fixed address on a pod network, the nginx stand-in joined to it, the
// kubelet's hosts and resolv.conf files bound in, status read back.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { text } from 'node:stream/consumers';
import type { DockerClient } from '../../docker/client';
import { dockerForTests } from '../../docker/test-docker';
import { containerSpec } from './container';
import { formatResolvConf, podResolvConfig } from './dns';
import { containerEnv } from './env';
import { podHostname } from './hostname';
import { managedHostsFile } from './hosts';
import { planImage, type ImageToRun } from './images';
import { nodeFilter } from './labels';
import type { NodeRuntimeConfig } from './node-config';
import { groupByPod } from './observed';
import { podFiles } from './pod-files';
import { podStatus } from './pod-status';
import { sandboxSpec } from './sandbox';
import { pod as makePod } from './test-fixtures';

const env = await dockerForTests();
// Bind mounts need the daemon to see this machine's files.
const skip = !env.ok ? env.reason : process.env.DOCKER_HOST && !process.env.DOCKER_HOST.startsWith('unix:') ? 'the Docker engine is remote' : null;
if (skip) console.warn(`[skip] Docker pod tests: ${skip}`);

async function run(docker: DockerClient, id: string, cmd: string[]): Promise<string> {
  const exec = await docker.createExec(id, { Cmd: cmd, AttachStdout: true, AttachStderr: true, User: '0' });
  const s = await docker.startExec(exec, false);
  const [out, err] = await Promise.all([text(s.stdout), text(s.stderr!)]);
  return out + err;
}

describe.skipIf(skip !== null)('a pod on real Docker', () => {
  if (!env.ok) return;
  const { docker, image } = env;
  const runId = `${process.pid % 10000}`;
  // Its own network on a subnet no lab uses; names start kubelab-rt-test-.
  const third = 100 + (process.pid % 100);
  const node: NodeRuntimeConfig = {
    lab: 'kubelab-rt-test',
    node: `n${runId}`,
    labImage: image,
    podNetwork: `kubelab-rt-test-pods-${runId}`,
    podCIDR: `10.251.${third}.0/24`,
    hostIP: '10.100.0.101',
    clusterDNS: ['10.96.0.10'],
    clusterDomain: 'cluster.local',
    kubeletDir: '',
    kubeletDirOnDaemon: '',
  };
  const p = makePod([{ name: 'nginx', image: 'nginx:1.14', env: [{ name: 'MY_POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }] }], { subdomain: 'web', terminationGracePeriodSeconds: 5 });
  const podIP = `10.251.${third}.2`;
  let dir = '';
  let sandboxId = '';
  let containerId = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubelab-rt-test-kubelet-'));
    node.kubeletDir = dir;
    node.kubeletDirOnDaemon = dir;
    await docker.createNetwork({
      Name: node.podNetwork,
      Driver: 'bridge',
      IPAM: { Config: [{ Subnet: node.podCIDR, Gateway: `10.251.${third}.1`, IPRange: `10.251.${third}.240/28` }] },
      Options: { 'com.docker.network.bridge.enable_ip_masquerade': 'false' },
      Labels: { 'io.kubelab.rt-test': runId },
    });
    // What the kubelet writes before it makes the sandbox.
    const files = podFiles(p.metadata.uid!, node.kubeletDir, node.kubeletDirOnDaemon);
    mkdirSync(files.dir, { recursive: true });
    const { hostname, domain } = podHostname(p, node.clusterDomain);
    writeFileSync(files.hosts.path, managedHostsFile([podIP], hostname, domain));
    writeFileSync(files.resolvConf.path, formatResolvConf(podResolvConfig(p, node)));

    const sandbox = sandboxSpec(p, node, podIP, files);
    sandboxId = (await docker.createContainer(sandbox.name, sandbox.body)).Id;
    await docker.startContainer(sandboxId);

    const c = p.spec.containers[0]!;
    const plan = planImage(c, { local: await docker.inspectImage(c.image!), labImage: { ...(await docker.inspectImage(image))!, ref: image } }) as ImageToRun;
    const spec = containerSpec({ pod: p, container: c, kind: 'container', node, sandbox: sandboxId, restartCount: 0, image: plan, env: containerEnv(p, c, { podIP }), files });
    containerId = (await docker.createContainer(spec.name, spec.body)).Id;
    await docker.startContainer(containerId);
  });

  afterAll(async () => {
    for (const c of await docker.listContainers(nodeFilter(node))) await docker.removeContainer(c.Id, { force: true });
    await docker.removeNetwork(node.podNetwork);
    docker.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs nginx as uid 101 without capabilities, reachable on the pod address', async () => {
    expect(await run(docker, containerId, ['sh', '-c', 'ps -o user= -C nginx | sort -u; grep CapEff /proc/1/status'])).toBe('nginx\nCapEff:\t0000000000000000\n');
    expect(await run(docker, containerId, ['sh', '-c', `curl -s http://${podIP}/ | grep -o '<title>.*</title>'`])).toBe('<title>Welcome to nginx!</title>\n');
    expect(await run(docker, containerId, ['printenv', 'MY_POD_IP'])).toBe(`${podIP}\n`);
  });

  it('has the pod’s hostname and the kubelet’s hosts and resolv.conf', async () => {
    expect(await run(docker, containerId, ['hostname'])).toBe('webui-7d9f-abcde\n');
    const hosts = await run(docker, containerId, ['cat', '/etc/hosts']);
    expect(hosts.startsWith('# Kubernetes-managed hosts file.\n')).toBe(true);
    expect(hosts).toContain(`${podIP}\twebui-7d9f-abcde.web.default.svc.cluster.local\twebui-7d9f-abcde\n`);
    expect(await run(docker, containerId, ['cat', '/etc/resolv.conf'])).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('reads back as a Running, Ready pod, and as terminated after a stop', async () => {
    const observe = async () => groupByPod(await Promise.all((await docker.listContainers(nodeFilter(node))).map((c) => docker.inspectContainer(c.Id)))).get(p.metadata.uid!);
    const running = podStatus({ pod: p, observed: await observe(), hostIP: node.hostIP });
    expect(running).toMatchObject({ phase: 'Running', podIP, containerStatuses: [{ name: 'nginx', ready: true, started: true, restartCount: 0, containerID: `docker://${containerId}` }] });
    expect(running.conditions?.every((c) => c.status === 'True')).toBe(true);
    const t0 = Date.now();
    await docker.stopContainer(containerId, 5);
    // nginx quits on its stop signal (SIGQUIT) at once, well inside the grace period.
    expect(Date.now() - t0).toBeLessThan(4000);
    const stopped = podStatus({ pod: p, observed: await observe(), hostIP: node.hostIP });
    expect(stopped.containerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });
});
