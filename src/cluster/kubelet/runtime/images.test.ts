import { describe, expect, it } from 'vitest';
import { imageIDOf, imagePullBackOff, planImage, pullPolicy, type ImageFailure, type ImageToRun } from './images';
import { parseImageName, standInFor } from './stand-ins';
import { LAB_IMAGE } from './test-fixtures';

const c = (image: string, extra = {}) => ({ name: 'c', image, ...extra });
const offline = { local: null, labImage: LAB_IMAGE };

describe('image references', () => {
  it('parses Docker Hub, registry and digest references', () => {
    expect(parseImageName('nginx:1.14')).toEqual({ registry: '', repository: 'nginx', tag: '1.14', digest: undefined });
    expect(parseImageName('docker.io/library/centos:7')).toMatchObject({ registry: '', repository: 'centos', tag: '7' });
    expect(parseImageName('curlimages/curl')).toMatchObject({ registry: '', repository: 'curlimages/curl' });
    expect(parseImageName('registry.k8s.io/pause:3.9')).toMatchObject({ registry: 'registry.k8s.io', repository: 'pause' });
    expect(parseImageName('localhost:5000/app@sha256:' + 'a'.repeat(64))).toMatchObject({ registry: 'localhost:5000', digest: 'sha256:' + 'a'.repeat(64) });
    expect(parseImageName('Nginx')).toBeNull();
  });

  it('defaults the pull policy as the API server does', () => {
    expect(pullPolicy(c('nginx'))).toBe('Always');
    expect(pullPolicy(c('nginx:latest'))).toBe('Always');
    expect(pullPolicy(c('nginx:1.14'))).toBe('IfNotPresent');
    expect(pullPolicy(c('nginx:1.14', { imagePullPolicy: 'Never' }))).toBe('Never');
  });

  it('only stands in for official names, not look-alikes', () => {
    expect(standInFor('nginx:1.14')).not.toBeNull();
    expect(standInFor('docker.io/library/nginx')).not.toBeNull();
    expect(standInFor('bitnami/nginx')).toBeNull();
    expect(standInFor('quay.io/nginx/nginx')).toBeNull();
  });
});

describe('planImage', () => {
  it('uses an image Docker has, with its digest as imageID', () => {
    const local = { Id: 'sha256:1111', RepoDigests: ['nginx@sha256:2222'], Config: { Entrypoint: ['/docker-entrypoint.sh'], Cmd: ['nginx', '-g', 'daemon off;'] } };
    const plan = planImage(c('nginx:1.14'), { local, labImage: LAB_IMAGE }) as ImageToRun;
    expect(plan).toMatchObject({ action: 'run', image: 'nginx:1.14', imageID: 'docker-pullable://nginx@sha256:2222', source: 'local' });
    expect(plan.command).toEqual({ entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'] });
    expect(plan.events[0]!.message).toBe('Container image "nginx:1.14" already present on machine');
    expect(imageIDOf({ Id: 'sha256:abc', RepoDigests: [] })).toBe('docker://sha256:abc');
  });

  it('runs the lab’s nginx as uid 101 for any nginx tag, and says so', () => {
    const plan = planImage(c('nginx:1.14'), offline) as ImageToRun;
    expect(plan).toMatchObject({ action: 'run', image: LAB_IMAGE.ref, imageID: `docker://${LAB_IMAGE.Id}`, user: '101', execUser: '0', source: 'stand-in' });
    expect(plan.command.cmd).toEqual(['nginx', '-c', '/etc/kubelab/pod-nginx.conf', '-g', 'daemon off;']);
    expect(plan.events).toEqual([{ type: 'Normal', reason: 'Pulled', message: "nginx:1.14 is not available offline; running the lab's nginx 1.22 instead" }]);
  });

  it('gives distributions their usual shell', () => {
    expect((planImage(c('centos:7'), offline) as ImageToRun).command.cmd).toEqual(['/bin/bash']);
    expect((planImage(c('busybox'), offline) as ImageToRun).command.cmd).toEqual(['sh']);
    expect((planImage(c('ubuntu:22.04'), offline) as ImageToRun).user).toBeUndefined();
  });

  it('fails an unknown image the way the kubelet reports a failed pull', () => {
    const plan = planImage(c('redis:7'), offline) as ImageFailure;
    expect(plan.action).toBe('fail');
    expect(plan.reason).toBe('ErrImagePull');
    expect(plan.message).toMatch(/^image "redis:7" is not available offline/);
    expect(plan.events.map((e) => `${e.type} ${e.reason}: ${e.message}`)).toEqual([
      `Warning Failed: Failed to pull image "redis:7": ${plan.message}`,
      'Warning Failed: Error: ErrImagePull',
    ]);
    const backOff = imagePullBackOff('redis:7', plan);
    expect(backOff.message).toBe(`Back-off pulling image "redis:7": ErrImagePull: ${plan.message}`);
    expect(backOff.events[0]).toEqual({ type: 'Normal', reason: 'BackOff', message: 'Back-off pulling image "redis:7"' });
  });

  it('pulls first when allowed, and reports Docker’s pull error', () => {
    expect(planImage(c('redis:7'), { ...offline, allowPull: true }).action).toBe('pull');
    const failedPull = planImage(c('redis:7'), { ...offline, allowPull: true, pullError: 'Error response from daemon: pull access denied' }) as ImageFailure;
    expect(failedPull.message).toBe('Error response from daemon: pull access denied');
    // A failed pull of a well-known name still falls back to the stand-in.
    expect(planImage(c('nginx'), { ...offline, allowPull: true, pullError: 'no route' }).action).toBe('run');
  });

  it('reports Never and unparsable names as the kubelet does', () => {
    const never = planImage(c('redis:7', { imagePullPolicy: 'Never' }), offline) as ImageFailure;
    expect(never).toMatchObject({ reason: 'ErrImageNeverPull', message: 'Container image "redis:7" is not present with pull policy of Never' });
    expect((planImage(c('Nginx:1'), offline) as ImageFailure).reason).toBe('InvalidImageName');
  });
});
