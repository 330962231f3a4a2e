import { describe, expect, it } from 'vitest';
import { containerSpec } from './container';
import { containerEnv } from './env';
import { planImage, type ImageToRun } from './images';
import { readLabels } from './labels';
import { KUBERNETES_DEFAULT_CAPABILITIES } from './node-config';
import { daemonPathFor, podFiles } from './pod-files';
import { sandboxSpec } from './sandbox';
import { LAB_IMAGE, NODE, UID, pod } from './test-fixtures';

const files = podFiles(UID, NODE.kubeletDir, NODE.kubeletDirOnDaemon);

describe('pod files', () => {
  it('are written under the kubelet dir and bound from the volume’s mountpoint', () => {
    expect(files.hosts).toEqual({
      path: `/var/lib/kubelet/pods/${UID}/etc-hosts`,
      source: `/var/lib/docker/volumes/kubelab-node1-kubelet/_data/pods/${UID}/etc-hosts`,
      target: '/etc/hosts',
    });
    expect(files.resolvConf.target).toBe('/etc/resolv.conf');
  });

  it('maps a node path to the daemon’s through the node’s own mounts', () => {
    const mounts = [
      { Type: 'bind', Source: '/var/run/docker.sock', Destination: '/var/run/docker.sock' },
      { Type: 'volume', Name: 'kubelab-node1-kubelet', Source: '/var/lib/docker/volumes/kubelab-node1-kubelet/_data', Destination: '/var/lib/kubelet' },
    ];
    expect(daemonPathFor(mounts, '/var/lib/kubelet')).toBe('/var/lib/docker/volumes/kubelab-node1-kubelet/_data');
    expect(daemonPathFor(mounts, '/var/lib/kubelet/pods/x/etc-hosts')).toBe('/var/lib/docker/volumes/kubelab-node1-kubelet/_data/pods/x/etc-hosts');
    expect(daemonPathFor(mounts, '/var/lib/kubelet-other/x')).toBeNull();
    expect(daemonPathFor(mounts, '/etc/hosts')).toBeNull();
  });
});

describe('sandbox', () => {
  const { name, body } = sandboxSpec(pod([{}], { subdomain: 'web' }), NODE, '10.244.1.2', files);

  it('holds the pod address on the node’s pod network', () => {
    expect(name).toBe('kubelab-node1-webui-7d9f-abcde-7d9f3c2a');
    expect(body.HostConfig?.NetworkMode).toBe('kubelab-pods-node1');
    expect(body.NetworkingConfig?.EndpointsConfig?.['kubelab-pods-node1']?.IPAMConfig?.IPv4Address).toBe('10.244.1.2');
    expect(body.HostConfig?.IpcMode).toBe('shareable');
  });

  it('runs the lab image’s tiny process with the pod’s hostname', () => {
    expect(body.Image).toBe(NODE.labImage);
    expect([...(body.Entrypoint ?? []), ...(body.Cmd ?? [])]).toEqual(['tini', '--', 'sleep', 'infinity']);
    expect(body.Hostname).toBe('webui-7d9f-abcde');
    expect(body.Domainname).toBe('web.default.svc.cluster.local');
  });

  it('has no privileges and no Docker socket', () => {
    expect(body.HostConfig).toMatchObject({ CapDrop: ['ALL'], CapAdd: [], Privileged: false, SecurityOpt: ['no-new-privileges'] });
    expect(JSON.stringify(body)).not.toContain('docker.sock');
  });

  it('is labelled for re-adoption, with its address', () => {
    expect(readLabels(body.Labels)).toMatchObject({ kind: 'sandbox', pod: { namespace: 'default', name: 'webui-7d9f-abcde', uid: UID }, podIP: '10.244.1.2', sandboxAttempt: 0 });
    const again = sandboxSpec(pod(), NODE, '10.244.1.2', files, 1);
    expect(again.name).toBe('kubelab-node1-webui-7d9f-abcde-7d9f3c2a.1');
    expect(readLabels(again.body.Labels)?.sandboxAttempt).toBe(1);
    expect(body.Labels).toMatchObject({ 'io.kubelab.lab': 'kubelab', 'io.kubelab.role': 'pod', 'io.kubelab.host': 'node1' });
  });
});

describe('container', () => {
  const p = pod([{ name: 'nginx', image: 'nginx:1.14', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }], resources: { limits: { memory: '128Mi', cpu: '500m' } } }], { terminationGracePeriodSeconds: 45 });
  const c = p.spec.containers[0]!;
  const image = planImage(c, { local: null, labImage: LAB_IMAGE }) as ImageToRun;
  const env = containerEnv(p, c);
  const { name, body } = containerSpec({ pod: p, container: c, kind: 'container', node: NODE, sandbox: 'sandbox-id', restartCount: 2, image, env, files });

  it('joins the sandbox’s network and IPC namespaces', () => {
    expect(name).toBe('kubelab-node1-webui-7d9f-abcde-7d9f3c2a-nginx.2');
    expect(body.HostConfig).toMatchObject({ NetworkMode: 'container:sandbox-id', IpcMode: 'container:sandbox-id' });
    expect(body.Hostname).toBeUndefined();
  });

  it('runs the stand-in nginx as uid 101 with nginx’s stop signal and the pod’s grace period', () => {
    expect(body.Image).toBe(NODE.labImage);
    expect(body.Entrypoint).toEqual(['nginx', '-c', '/etc/kubelab/pod-nginx.conf', '-g', 'daemon off;']);
    expect(body.Cmd).toEqual([]);
    expect(body.User).toBe('101');
    expect(body.StopSignal).toBe('SIGQUIT');
    expect(body.StopTimeout).toBe(45);
    expect(body.Env).toEqual(['A=1']);
  });

  it('binds the kubelet’s hosts and resolv.conf files and has no capabilities', () => {
    expect(body.HostConfig?.Mounts).toEqual([
      { Type: 'bind', Source: files.hosts.source, Target: '/etc/hosts' },
      { Type: 'bind', Source: files.resolvConf.source, Target: '/etc/resolv.conf' },
    ]);
    expect(body.HostConfig?.CapDrop).toEqual(['ALL']);
  });

  it('enforces limits and records what a restarted kubelet needs in labels', () => {
    expect(body.HostConfig).toMatchObject({ Memory: 128 * 2 ** 20, NanoCpus: 500_000_000 });
    expect(readLabels(body.Labels)).toMatchObject({
      kind: 'container', containerName: 'nginx', restartCount: 2, requestedImage: 'nginx:1.14',
      imageSource: 'stand-in', imageID: `docker://${LAB_IMAGE.Id}`, execUser: '0',
    });
    expect(body.Labels?.['io.kubelab.container.hash']).toMatch(/^[0-9a-f]{8}$/);
  });

  it('maps tty, stdin and stdinOnce, and runAsUser over the stand-in’s user', () => {
    const q = pod([{ image: 'busybox', tty: true, stdin: true, stdinOnce: true, securityContext: { runAsUser: 1000 } }], { securityContext: { runAsGroup: 3000 } });
    const qc = q.spec.containers[0]!;
    const spec = containerSpec({ pod: q, container: qc, kind: 'container', node: { ...NODE, security: KUBERNETES_DEFAULT_CAPABILITIES }, sandbox: 's', restartCount: 0, image: planImage(qc, { local: null, labImage: LAB_IMAGE }) as ImageToRun, env: [], files });
    expect(spec.body).toMatchObject({ Tty: true, OpenStdin: true, StdinOnce: true, User: '1000:3000', Entrypoint: ['sh'] });
    expect(spec.body.HostConfig?.CapAdd).toContain('DAC_OVERRIDE');
  });
});

describe('container hash', () => {
  it('changes with the image and not with key order or resources', async () => {
    const { containerHash } = await import('./hash');
    const a = containerHash({ name: 'nginx', image: 'nginx:1.14', ports: [{ containerPort: 80 }] });
    expect(containerHash({ ports: [{ containerPort: 80 }], image: 'nginx:1.14', name: 'nginx' })).toBe(a);
    expect(containerHash({ name: 'nginx', image: 'nginx:1.14', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '1' } } })).toBe(a);
    expect(containerHash({ name: 'nginx', image: 'nginx:1.15', ports: [{ containerPort: 80 }] })).not.toBe(a);
  });
});
