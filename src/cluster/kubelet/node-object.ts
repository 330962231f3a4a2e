// The Node object a kubelet registers and keeps up to date: labels, taints,
// addresses, capacity, conditions and node info, as a kubeadm node shows them.
import type { Node, NodeCondition } from '../api/types';

export interface NodeFacts {
  name: string;
  ip: string;
  podCIDR: string;
  controlPlane: boolean;
  cpus: number;
  memoryKi: number;
  kernelVersion: string;
  osImage: string;
  containerRuntimeVersion: string;
  kubeletVersion: string;
  machineID: string;
  bootID: string;
  maxPods: number;
}

export const KUBELET_PORT = 10250;

export function nodeLabels(f: NodeFacts): Record<string, string> {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': f.name,
    'kubernetes.io/os': 'linux',
  };
  if (f.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  return labels;
}

function condition(type: string, status: 'True' | 'False' | 'Unknown', reason: string, message: string, now: string, previous?: NodeCondition): NodeCondition {
  return {
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime: previous && previous.status === status ? previous.lastTransitionTime : now,
    reason,
    message,
  };
}

/** status.conditions for a healthy node, keeping transition times that did not change. */
export function nodeConditions(now: string, previous: NodeCondition[] = []): NodeCondition[] {
  const prev = (t: string) => previous.find((c) => c.type === t);
  return [
    condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', now, prev('MemoryPressure')),
    condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', now, prev('DiskPressure')),
    condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', now, prev('PIDPressure')),
    condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', now, prev('Ready')),
  ];
}

export function nodeStatus(f: NodeFacts, now: string, previous: NodeCondition[] = []): NonNullable<Node['status']> {
  const capacity = { cpu: String(f.cpus), 'ephemeral-storage': '61202244Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: `${f.memoryKi}Ki`, pods: String(f.maxPods) };
  return {
    capacity,
    allocatable: { ...capacity, 'ephemeral-storage': '56403987978', memory: `${Math.max(0, f.memoryKi - 102400)}Ki` },
    conditions: nodeConditions(now, previous),
    addresses: [
      { type: 'InternalIP', address: f.ip },
      { type: 'Hostname', address: f.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
    nodeInfo: {
      machineID: f.machineID,
      systemUUID: f.machineID,
      bootID: f.bootID,
      kernelVersion: f.kernelVersion,
      osImage: f.osImage,
      containerRuntimeVersion: f.containerRuntimeVersion,
      kubeletVersion: f.kubeletVersion,
      kubeProxyVersion: f.kubeletVersion,
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
  };
}

export function nodeObject(f: NodeFacts, now: string): Node {
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: f.name,
      labels: nodeLabels(f),
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: { podCIDR: f.podCIDR, podCIDRs: [f.podCIDR] },
    status: nodeStatus(f, now),
  };
  if (f.controlPlane) node.spec.taints = [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }];
  return node;
}
