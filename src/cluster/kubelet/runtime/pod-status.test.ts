import { describe, expect, it } from 'vitest';
import type { PodCondition } from '../../api/types';
import { containerStatus } from './container-status';
import { groupByPod } from './observed';
import { podPhase } from './phase';
import { podStatus } from './pod-status';
import { exited, inspect, LAB_IMAGE, observed, pod, running, state, UID } from './test-fixtures';

const NOW = new Date('2024-05-01T12:05:00.700Z');

function statusOf(p: ReturnType<typeof pod>, inspects: ReturnType<typeof inspect>[], extra: Partial<Parameters<typeof podStatus>[0]> = {}) {
  return podStatus({ pod: p, observed: groupByPod(inspects).get(UID), hostIP: '10.100.0.101', now: NOW, ...extra });
}

describe('container status', () => {
  const nginx = { name: 'nginx', image: 'nginx:1.14' };

  it('shows a running container with its start time in whole seconds', () => {
    const run = observed(inspect('container', running('2024-05-01T12:00:00.987654321Z')));
    expect(containerStatus(nginx, { runs: [run], willRestart: false, defaultWaitingReason: 'ContainerCreating' })).toEqual({
      name: 'nginx',
      state: { running: { startedAt: '2024-05-01T12:00:00Z' } },
      lastState: {},
      ready: true,
      restartCount: 0,
      image: 'nginx:1.14',
      imageID: `docker://${LAB_IMAGE.Id}`,
      containerID: `docker://${run.id}`,
      started: true,
    });
  });

  it('is not ready while a readiness probe has not passed', () => {
    const run = observed(inspect('container', running()));
    const probed = { ...nginx, readinessProbe: { httpGet: { port: 80 } } };
    expect(containerStatus(probed, { runs: [run], willRestart: false, defaultWaitingReason: 'ContainerCreating' }).ready).toBe(false);
    expect(containerStatus(probed, { runs: [run], willRestart: false, defaultWaitingReason: 'ContainerCreating', ready: true }).ready).toBe(true);
  });

  it('names how a container ended', () => {
    const reason = (s: ReturnType<typeof state>) => containerStatus(nginx, { runs: [observed(inspect('container', s))], willRestart: false, defaultWaitingReason: 'ContainerCreating' }).state?.terminated;
    expect(reason(exited(0))).toMatchObject({ exitCode: 0, reason: 'Completed', startedAt: '2024-05-01T12:00:00Z', finishedAt: '2024-05-01T12:01:00Z' });
    expect(reason(exited(1))?.reason).toBe('Error');
    expect(reason(exited(137, undefined, { OOMKilled: true }))?.reason).toBe('OOMKilled');
    const startError = reason(state({ Status: 'created', Running: false, ExitCode: 127, Error: 'OCI runtime create failed: exec: "nope": executable file not found in $PATH: unknown', StartedAt: '0001-01-01T00:00:00Z' }));
    expect(startError).toMatchObject({ exitCode: 127, reason: 'StartError', message: expect.stringContaining('executable file not found') });
    expect(startError?.startedAt).toBeUndefined();
  });

  it('shows CrashLoopBackOff with the last run as lastState and counts restarts', () => {
    const runs = [observed(inspect('container', exited(1, '2024-05-01T12:04:00Z'), { restartCount: 3 })), observed(inspect('container', exited(1, '2024-05-01T12:03:00Z'), { restartCount: 2 }))];
    const s = containerStatus(nginx, { runs, willRestart: true, defaultWaitingReason: 'ContainerCreating', waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=nginx pod=p_default(u)' } });
    expect(s.state).toEqual({ waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=nginx pod=p_default(u)' } });
    expect(s.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error', finishedAt: '2024-05-01T12:04:00Z', containerID: `docker://${runs[0]!.id}` });
    expect(s.restartCount).toBe(3);
    expect(s.ready).toBe(false);
  });

  it('waits with ContainerCreating or the image error before the first run', () => {
    expect(containerStatus(nginx, { runs: [], willRestart: true, defaultWaitingReason: 'ContainerCreating' }).state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    const s = containerStatus(nginx, { runs: [], willRestart: true, defaultWaitingReason: 'ContainerCreating', waiting: { reason: 'ErrImagePull', message: 'x' } });
    expect(s.state).toEqual({ waiting: { reason: 'ErrImagePull', message: 'x' } });
    expect(s.lastState).toEqual({});
  });
});

describe('pod phase', () => {
  const ex = (code: number) => ({ name: 'nginx', state: { terminated: { exitCode: code } }, ready: false, restartCount: 0, image: '', imageID: '' });
  it('follows getPhase for each restart policy', () => {
    expect(podPhase(pod(), [])).toBe('Pending');
    expect(podPhase(pod(), [ex(0)])).toBe('Running');
    expect(podPhase(pod([{}], { restartPolicy: 'OnFailure' }), [ex(0)])).toBe('Succeeded');
    expect(podPhase(pod([{}], { restartPolicy: 'OnFailure' }), [ex(1)])).toBe('Running');
    expect(podPhase(pod([{}], { restartPolicy: 'Never' }), [ex(1)])).toBe('Failed');
    expect(podPhase(pod(), [ex(1)], true)).toBe('Failed');
  });
});

describe('pod status', () => {
  const scheduled: PodCondition = { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2024-05-01T11:59:00Z' };

  it('reports a pod that is still being created', () => {
    const s = statusOf(pod([{}], {}, {}), []);
    expect(s.phase).toBe('Pending');
    expect(s.podIP).toBeUndefined();
    expect(s.containerStatuses?.[0]?.state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    expect(s.conditions?.map((c) => [c.type, c.status, c.reason ?? '', c.message ?? ''])).toEqual([
      ['PodReadyToStartContainers', 'False', '', ''],
      ['Initialized', 'True', '', ''],
      ['Ready', 'False', 'ContainersNotReady', 'containers with unready status: [nginx]'],
      ['ContainersReady', 'False', 'ContainersNotReady', 'containers with unready status: [nginx]'],
      ['PodScheduled', 'True', '', ''],
    ]);
  });

  it('reports a running nginx pod as kubectl shows it', () => {
    const p = pod();
    p.status = { phase: 'Pending', conditions: [scheduled], startTime: '2024-05-01T11:59:01Z' };
    const s = statusOf(p, [inspect('sandbox', running(), { podIP: '10.244.1.5' }), inspect('container', running())]);
    expect(s).toMatchObject({ phase: 'Running', hostIP: '10.100.0.101', hostIPs: [{ ip: '10.100.0.101' }], podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], startTime: '2024-05-01T11:59:01Z', qosClass: 'BestEffort' });
    expect(s.conditions?.every((c) => c.status === 'True')).toBe(true);
    // Conditions that changed now carry the current second; PodScheduled keeps the scheduler's time.
    expect(s.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime).toBe('2024-05-01T12:05:00Z');
    expect(s.conditions?.find((c) => c.type === 'PodScheduled')?.lastTransitionTime).toBe('2024-05-01T11:59:00Z');
  });

  it('lists container statuses by name and keeps a terminal phase', () => {
    const p = pod([{ name: 'web' }, { name: 'app' }], { restartPolicy: 'Never' });
    const s = statusOf(p, [inspect('sandbox', running()), inspect('container', exited(0), { container: 'web' }), inspect('container', exited(0), { container: 'app' })]);
    expect(s.containerStatuses?.map((c) => c.name)).toEqual(['app', 'web']);
    expect(s.phase).toBe('Succeeded');
    expect(s.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    p.status = { phase: 'Failed' };
    expect(statusOf(p, []).phase).toBe('Failed');
  });

  it('shows init containers and PodInitializing', () => {
    const p = pod([{}], { initContainers: [{ name: 'setup', image: 'busybox' }] });
    const s = statusOf(p, [inspect('sandbox', running()), inspect('init', running(), { container: 'setup' })]);
    expect(s.phase).toBe('Pending');
    expect(s.containerStatuses?.[0]?.state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(s.conditions?.find((c) => c.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [setup]' });
    const done = statusOf(p, [inspect('sandbox', running()), inspect('init', exited(0), { container: 'setup' })]);
    expect(done.conditions?.find((c) => c.type === 'Initialized')?.status).toBe('True');
    expect(done.initContainerStatuses?.[0]).toMatchObject({ ready: true, state: { terminated: { reason: 'Completed' } } });
  });
});
