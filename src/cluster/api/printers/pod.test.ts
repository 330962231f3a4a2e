// Cases from kubernetes pkg/printers/internalversion/printers_test.go
// (TestPrintPod, TestPrintPodWithRestartableInitContainer, TestPrintPodwide),
// plus the states a lab pod goes through.

import { describe, expect, it } from 'vitest';
import type { Container, ContainerStatus, Pod, PodStatus } from '../types';
import { podPrinter } from './pod';

const now = new Date('2025-01-01T12:00:00Z');
const ago = (ms: number): string => new Date(now.getTime() - ms).toISOString();
const sec = 1000;
const day = 24 * 3600 * sec;

const containers = (n: number): Container[] => Array.from({ length: n }, (_, i) => ({ name: `c${i}` }));
const st = (s: Partial<ContainerStatus>): ContainerStatus => ({ name: '', ready: false, restartCount: 0, image: '', imageID: '', ...s });

function pod(name: string, status: PodStatus, spec: Partial<Pod['spec']> = {}, meta: Partial<Pod['metadata']> = {}): Pod {
  return { metadata: { name, ...meta }, spec: { containers: containers(1), ...spec }, status };
}

const narrow = (p: Pod) => podPrinter.print(p, { wide: false, now });
const wide = (p: Pod) => podPrinter.print(p, { wide: true, now });

const running = { running: {} };
const succeeded = [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
const failed = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];

describe('printPod (TestPrintPod)', () => {
  const cases: [string, Pod, unknown[], unknown?][] = [
    [
      'name, num of containers, restarts, container ready status',
      pod('test1', { phase: 'podPhase' as 'Running', containerStatuses: [st({ ready: true, restartCount: 3, state: running }), st({ restartCount: 3 })] }, { containers: containers(2) }),
      ['test1', '1/2', 'podPhase', '6', '<unknown>'],
    ],
    [
      'container error overwrites pod phase',
      pod('test2', { phase: 'podPhase' as 'Running', containerStatuses: [st({ ready: true, restartCount: 3, state: running }), st({ restartCount: 3, state: { waiting: { reason: 'ContainerWaitingReason' } } })] }, { containers: containers(2) }),
      ['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>'],
    ],
    [
      'the first container overwrites the rest',
      pod('test3', { phase: 'podPhase' as 'Running', containerStatuses: [st({ restartCount: 3, state: { waiting: { reason: 'ContainerWaitingReason' } } }), st({ restartCount: 3, state: { terminated: { exitCode: 0, reason: 'ContainerTerminatedReason' } } })] }, { containers: containers(2) }),
      ['test3', '0/2', 'ContainerWaitingReason', '6', '<unknown>'],
    ],
    [
      'ready is not enough for reporting running',
      pod('test4', { phase: 'podPhase' as 'Running', containerStatuses: [st({ ready: true, restartCount: 3, state: running }), st({ ready: true, restartCount: 3 })] }, { containers: containers(2) }),
      ['test4', '1/2', 'podPhase', '6', '<unknown>'],
    ],
    [
      'pod reason wins over phase',
      pod('test5', { reason: 'podReason', phase: 'podPhase' as 'Running', containerStatuses: [st({ ready: true, restartCount: 3, state: running }), st({ ready: true, restartCount: 3 })] }, { containers: containers(2) }),
      ['test5', '1/2', 'podReason', '6', '<unknown>'],
    ],
    [
      'one running, one completed, without ready condition',
      pod('test6', { phase: 'Running', containerStatuses: [st({ ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }), st({ ready: true, restartCount: 3, state: running })] }, { containers: containers(2) }),
      ['test6', '1/2', 'NotReady', '6', '<unknown>'],
    ],
    [
      'one running, one completed, with ready condition',
      pod('test6', { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [st({ ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }), st({ ready: true, restartCount: 3, state: running })] }, { containers: containers(2) }),
      ['test6', '1/2', 'Running', '6', '<unknown>'],
    ],
    [
      '1 init container restarting and 1 container not running',
      pod('test7', { phase: 'podPhase' as 'Running', initContainerStatuses: [st({ restartCount: 3, state: running, lastState: { terminated: { exitCode: 0, finishedAt: ago(10 * sec) } } })], containerStatuses: [st({ state: { waiting: {} } })] }, { initContainers: containers(1) }),
      ['test7', '0/1', 'Init:0/1', '3 (10s ago)', '<unknown>'],
    ],
    [
      '2 init containers, one restarting, the other not running',
      pod('test8', { phase: 'podPhase' as 'Running', initContainerStatuses: [st({ restartCount: 3, state: running, lastState: { terminated: { exitCode: 0, finishedAt: ago(10 * sec) } } }), st({ state: { waiting: {} } })], containerStatuses: [st({ state: { waiting: {} } })] }, { initContainers: containers(2) }),
      ['test8', '0/1', 'Init:0/2', '3 (10s ago)', '<unknown>'],
    ],
    [
      '2 init containers, one completed without restarts, the other restarting',
      pod('test9', { phase: 'podPhase' as 'Running', initContainerStatuses: [st({ state: { terminated: { exitCode: 0 } } }), st({ restartCount: 3, state: running, lastState: { terminated: { exitCode: 0, finishedAt: ago(10 * sec) } } })], containerStatuses: [st({ state: { waiting: {} } })] }, { initContainers: containers(2) }),
      ['test9', '0/1', 'Init:1/2', '3 (10s ago)', '<unknown>'],
    ],
    [
      '2 init containers, one completed with restarts, the other restarting',
      pod('test10', { phase: 'podPhase' as 'Running', initContainerStatuses: [st({ restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: { terminated: { exitCode: 0, finishedAt: ago(120 * sec) } } }), st({ restartCount: 3, state: running, lastState: { terminated: { exitCode: 0, finishedAt: ago(10 * sec) } } })], containerStatuses: [st({ state: { waiting: {} } })] }, { initContainers: containers(2) }),
      ['test10', '0/1', 'Init:1/2', '5 (10s ago)', '<unknown>'],
    ],
    [
      '1 init container completed with restarts, one container restarting',
      pod('test11', { phase: 'Running', initContainerStatuses: [st({ restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: { terminated: { exitCode: 0, finishedAt: ago(120 * sec) } } })], containerStatuses: [st({ restartCount: 4, state: running, lastState: { terminated: { exitCode: 0, finishedAt: ago(20 * sec) } } })] }, { initContainers: containers(1) }),
      ['test11', '0/1', 'Running', '4 (20s ago)', '<unknown>'],
    ],
    [
      '1 container that restarted 5d ago',
      pod('test12', { phase: 'Running', containerStatuses: [st({ ready: true, restartCount: 3, state: running, lastState: { terminated: { exitCode: 0, finishedAt: ago(5 * day) } } })] }),
      ['test12', '1/1', 'Running', '3 (5d ago)', '<unknown>'],
    ],
    [
      '2 containers, one never restarted, the other 10d ago',
      pod('test13', { phase: 'Running', containerStatuses: [st({ ready: true, state: running }), st({ ready: true, restartCount: 3, state: running, lastState: { terminated: { exitCode: 0, finishedAt: ago(10 * day) } } })] }, { containers: containers(2) }),
      ['test13', '2/2', 'Running', '3 (10d ago)', '<unknown>'],
    ],
    [
      '2 containers, restarted 5d and 20d ago: the latest counts',
      pod('test14', { phase: 'Running', containerStatuses: [st({ ready: true, restartCount: 6, state: running, lastState: { terminated: { exitCode: 0, finishedAt: ago(5 * day) } } }), st({ ready: true, restartCount: 3, state: running, lastState: { terminated: { exitCode: 0, finishedAt: ago(20 * day) } } })] }, { containers: containers(2) }),
      ['test14', '2/2', 'Running', '9 (5d ago)', '<unknown>'],
    ],
    [
      'PodScheduled condition with reason SchedulingGated',
      pod('test15', { phase: 'podPhase' as 'Running', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }, { containers: containers(2) }),
      ['test15', '0/2', 'SchedulingGated', '0', '<unknown>'],
    ],
    [
      'pod condition succeed',
      pod('test16', { phase: 'Succeeded', containerStatuses: [st({ state: { terminated: { reason: 'Completed', exitCode: 0 } } })] }),
      ['test16', '0/1', 'Completed', '0', '<unknown>'],
      succeeded,
    ],
    [
      'pod condition failed',
      pod('test17', { phase: 'Failed', containerStatuses: [st({ state: { terminated: { reason: 'Error', exitCode: 1 } } })] }),
      ['test17', '0/1', 'Error', '0', '<unknown>'],
      failed,
    ],
    [
      'pod condition succeed with deletion',
      pod('test18', { phase: 'Succeeded', containerStatuses: [st({ state: { terminated: { reason: 'Completed', exitCode: 0 } } })] }, {}, { deletionTimestamp: ago(10 * sec) }),
      ['test18', '0/1', 'Completed', '0', '<unknown>'],
      succeeded,
    ],
    [
      'pod condition running with deletion',
      pod('test19', { phase: 'Running', containerStatuses: [st({ state: running })] }, {}, { deletionTimestamp: ago(10 * sec) }),
      ['test19', '0/1', 'Terminating', '0', '<unknown>'],
    ],
    [
      'pod condition pending with deletion',
      pod('test20', { phase: 'Pending' }, {}, { deletionTimestamp: ago(10 * sec) }),
      ['test20', '0/1', 'Terminating', '0', '<unknown>'],
    ],
  ];

  it.each(cases)('%s', (_name, p, cells, conditions) => {
    expect(narrow(p)).toEqual(conditions ? { cells, conditions } : { cells });
  });
});

describe('printPod with restartable init containers (TestPrintPodWithRestartableInitContainer)', () => {
  const sidecars = (): Container[] => [
    { name: 'restartable-init-1', restartPolicy: 'Always' },
    { name: 'restartable-init-2', restartPolicy: 'Always' },
  ];

  it('first running but not started', () => {
    const p = pod('test1', {
      phase: 'Pending',
      conditions: [{ type: 'Initialized', status: 'False' }],
      initContainerStatuses: [
        st({ name: 'restartable-init-1', restartCount: 3, state: running, started: false, lastState: { terminated: { exitCode: 0, finishedAt: ago(10 * sec) } } }),
        st({ name: 'restartable-init-2', state: { waiting: {} }, started: false }),
      ],
      containerStatuses: [st({ state: { waiting: {} } })],
    }, { initContainers: sidecars() });
    expect(narrow(p).cells).toEqual(['test1', '0/3', 'Init:0/2', '3 (10s ago)', '<unknown>']);
  });

  it('first started, second running but not started', () => {
    const p = pod('test1', {
      phase: 'Pending',
      conditions: [{ type: 'Initialized', status: 'False' }],
      initContainerStatuses: [
        st({ name: 'restartable-init-1', restartCount: 3, state: running, started: true, lastState: { terminated: { exitCode: 0, finishedAt: ago(10 * sec) } } }),
        st({ name: 'restartable-init-2', state: running, started: false }),
      ],
      containerStatuses: [st({ state: { waiting: {} } })],
    }, { initContainers: sidecars() });
    expect(narrow(p).cells).toEqual(['test1', '0/3', 'Init:1/2', '3 (10s ago)', '<unknown>']);
  });

  it('both started and the container running', () => {
    const p = pod('test2', {
      phase: 'Running',
      conditions: [{ type: 'Initialized', status: 'True' }],
      initContainerStatuses: [
        st({ name: 'restartable-init-1', restartCount: 3, state: running, started: true, lastState: { terminated: { exitCode: 0, finishedAt: ago(10 * sec) } } }),
        st({ name: 'restartable-init-2', state: running, started: true }),
      ],
      containerStatuses: [st({ ready: true, restartCount: 4, state: running, lastState: { terminated: { exitCode: 0, finishedAt: ago(20 * sec) } } })],
    }, { initContainers: sidecars() });
    expect(narrow(p).cells).toEqual(['test2', '1/3', 'Running', '7 (10s ago)', '<unknown>']);
  });

  it('sidecars killed and the container completed', () => {
    const p = pod('test3', {
      phase: 'Succeeded',
      conditions: [{ type: 'Initialized', status: 'True' }],
      initContainerStatuses: [
        st({ name: 'restartable-init-1', restartCount: 3, state: { terminated: { reason: 'Error', exitCode: 137 } }, started: false, lastState: { terminated: { exitCode: 0, finishedAt: ago(10 * sec) } } }),
        st({ name: 'restartable-init-2', state: { terminated: { reason: 'Error', exitCode: 137 } }, started: false }),
      ],
      containerStatuses: [st({ restartCount: 4, state: { terminated: { reason: 'Completed', exitCode: 0 } }, lastState: { terminated: { exitCode: 0, finishedAt: ago(20 * sec) } } })],
    }, { initContainers: sidecars() });
    expect(narrow(p)).toEqual({ cells: ['test3', '0/3', 'Completed', '7 (10s ago)', '<unknown>'], conditions: succeeded });
  });

  it('statuses for containers the spec does not have', () => {
    const p = pod('test4', {
      phase: 'Running',
      initContainerStatuses: [st({ name: 'initinvalid' }), st({ name: 'init1' }), st({ name: 'sidecar1' })],
      containerStatuses: [st({ name: 'containerinvalid' }), st({ name: 'container1' })],
    }, {
      initContainers: [{ name: 'init1', image: 'initimage' }, { name: 'sidecar1', image: 'sidecarimage', restartPolicy: 'Always' }],
      containers: [{ name: 'container1', image: 'containerimage' }],
    });
    expect(narrow(p).cells).toEqual(['test4', '0/2', 'Init:0/2', '0', '<unknown>']);
  });
});

describe('printPod: what a lab pod shows', () => {
  const one = (status: PodStatus, meta: Partial<Pod['metadata']> = {}) =>
    narrow(pod('webui', status, {}, { creationTimestamp: ago(90 * sec), ...meta })).cells;

  it.each([
    ['scheduled, no status yet', { phase: 'Pending' }, ['webui', '0/1', 'Pending', '0', '90s']],
    ['creating the container', { phase: 'Pending', containerStatuses: [st({ state: { waiting: { reason: 'ContainerCreating' } } })] }, ['webui', '0/1', 'ContainerCreating', '0', '90s']],
    ['running and ready', { phase: 'Running', containerStatuses: [st({ ready: true, state: running })] }, ['webui', '1/1', 'Running', '0', '90s']],
    ['running, not ready', { phase: 'Running', containerStatuses: [st({ state: running })] }, ['webui', '0/1', 'Running', '0', '90s']],
    [
      'crash looping',
      { phase: 'Running', containerStatuses: [st({ restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(65 * sec) } } })] },
      ['webui', '0/1', 'CrashLoopBackOff', '4 (65s ago)', '90s'],
    ],
    ['exited without a reason', { phase: 'Failed', containerStatuses: [st({ state: { terminated: { exitCode: 2 } } })] }, ['webui', '0/1', 'ExitCode:2', '0', '90s']],
    ['killed by a signal', { phase: 'Failed', containerStatuses: [st({ state: { terminated: { exitCode: 137, signal: 9 } } })] }, ['webui', '0/1', 'Signal:9', '0', '90s']],
    ['evicted', { phase: 'Failed', reason: 'Evicted' }, ['webui', '0/1', 'Evicted', '0', '90s']],
  ] as [string, PodStatus, unknown[]][])('%s', (_name, status, cells) => {
    expect(one(status)).toEqual(cells);
  });

  it('shows Unknown for a pod deleted on a lost node', () => {
    expect(one({ phase: 'Running', reason: 'NodeLost' }, { deletionTimestamp: ago(sec) })[2]).toBe('Unknown');
  });

  it('names failing init containers', () => {
    const init = (state: ContainerStatus['state']) =>
      narrow(pod('p', { phase: 'Pending', initContainerStatuses: [st({ state })] }, { initContainers: containers(1) })).cells[2];
    expect(init({ terminated: { exitCode: 1, reason: 'Error' } })).toBe('Init:Error');
    expect(init({ terminated: { exitCode: 3 } })).toBe('Init:ExitCode:3');
    expect(init({ terminated: { exitCode: 137, signal: 9 } })).toBe('Init:Signal:9');
    expect(init({ waiting: { reason: 'CrashLoopBackOff' } })).toBe('Init:CrashLoopBackOff');
    expect(init({ waiting: { reason: 'PodInitializing' } })).toBe('Init:0/1');
  });
});

describe('printPod wide (TestPrintPodwide)', () => {
  it('adds IP, node, nominated node and readiness gates', () => {
    const p = pod('test1', {
      phase: 'podPhase' as 'Running',
      podIPs: [{ ip: '1.1.1.1' }],
      nominatedNodeName: 'node1',
      conditions: [
        { type: 'condition1', status: 'False' },
        { type: 'condition2', status: 'True' },
      ],
      containerStatuses: [st({ ready: true, restartCount: 3, state: running }), st({ restartCount: 3 })],
    }, { containers: containers(2), nodeName: 'test1', readinessGates: [{ conditionType: 'condition1' }, { conditionType: 'condition2' }] });
    expect(wide(p).cells).toEqual(['test1', '1/2', 'podPhase', '6', '<unknown>', '1.1.1.1', 'test1', 'node1', '1/2']);
  });

  it('prints <none> for what is not there yet, and falls back to status.podIP', () => {
    expect(wide(pod('test2', { phase: 'Pending' })).cells.slice(5)).toEqual(['<none>', '<none>', '<none>', '<none>']);
    expect(wide(pod('test3', { phase: 'Running', podIP: '10.244.1.7' }, { nodeName: 'node1' })).cells.slice(5)).toEqual([
      '10.244.1.7',
      'node1',
      '<none>',
      '<none>',
    ]);
  });
});
