// Pods and Docker inspects for the runtime's tests, shaped as the API server
// and Docker 20.10 return them.
import type { Container, Pod } from '../../api/types';
import type { ContainerInspect, ContainerState, ImageInspect } from '../../docker/types';
import { LABEL, podLabels, type ContainerKind } from './labels';
import type { NodeRuntimeConfig } from './node-config';
import type { ObservedContainer } from './observed';
import { readLabels } from './labels';

export const NODE: NodeRuntimeConfig = {
  lab: 'kubelab',
  node: 'node1',
  labImage: 'kubelab/lab:e9e1ee64e375',
  podNetwork: 'kubelab-pods-node1',
  podCIDR: '10.244.1.0/24',
  hostIP: '10.100.0.101',
  clusterDNS: ['10.96.0.10'],
  clusterDomain: 'cluster.local',
  kubeletDir: '/var/lib/kubelet',
  kubeletDirOnDaemon: '/var/lib/docker/volumes/kubelab-node1-kubelet/_data',
};

export const UID = '7d9f3c2a-1b4e-4c8d-9f00-123456789abc';

export function pod(containers: Partial<Container>[] = [{}], spec: Partial<Pod['spec']> = {}, meta: Partial<Pod['metadata']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'webui-7d9f-abcde', namespace: 'default', uid: UID, ...meta },
    spec: {
      containers: containers.map((c, i) => ({ name: i === 0 ? 'nginx' : `c${i}`, image: 'nginx:1.14', ...c })),
      restartPolicy: 'Always',
      nodeName: 'node1',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      ...spec,
    },
  };
}

export const LAB_IMAGE: ImageInspect & { ref: string } = {
  ref: NODE.labImage,
  Id: 'sha256:d422fddd45df0000000000000000000000000000000000000000000000000000',
  RepoTags: [NODE.labImage],
  RepoDigests: [],
  Config: { Cmd: ['/bin/bash'], Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
};

const ZERO = '0001-01-01T00:00:00Z';

export function state(s: Partial<ContainerState>): ContainerState {
  return { Status: 'running', Running: true, OOMKilled: false, ExitCode: 0, Error: '', StartedAt: '2024-05-01T12:00:00.123456789Z', FinishedAt: ZERO, ...s };
}

export const running = (startedAt = '2024-05-01T12:00:00.123456789Z') => state({ StartedAt: startedAt });
export const exited = (code: number, finishedAt = '2024-05-01T12:01:00.5Z', extra: Partial<ContainerState> = {}) =>
  state({ Status: 'exited', Running: false, ExitCode: code, FinishedAt: finishedAt, ...extra });

let serial = 0;

/** One Docker container of the pod, as groupByPod receives it. */
export function inspect(kind: ContainerKind, st: ContainerState, extra: { container?: string; restartCount?: number; podIP?: string; created?: string; labels?: Record<string, string> } = {}): ContainerInspect {
  serial++;
  const labels: Record<string, string> = { ...podLabels(NODE, { namespace: 'default', name: 'webui-7d9f-abcde', uid: UID }, kind), ...extra.labels };
  if (kind !== 'sandbox') {
    labels[LABEL.containerName] = extra.container ?? 'nginx';
    labels[LABEL.restartCount] = String(extra.restartCount ?? 0);
    labels[LABEL.imageID] = `docker://${LAB_IMAGE.Id}`;
  } else {
    labels[LABEL.podIP] = extra.podIP ?? '10.244.1.2';
  }
  return {
    Id: `${serial.toString(16).padStart(4, '0')}${'ab'.repeat(30)}`,
    Name: `/x-${serial}`,
    Created: extra.created ?? `2024-05-01T11:59:${String(serial % 60).padStart(2, '0')}.000000000Z`,
    Image: LAB_IMAGE.Id,
    State: st,
    Config: { Labels: labels, Tty: false },
    HostConfig: {},
  };
}

export function observed(i: ContainerInspect): ObservedContainer {
  return { id: i.Id, name: i.Name.slice(1), labels: readLabels(i.Config.Labels)!, inspect: i };
}
