// Objects tests create where no kubelet runs: nodes that look registered and
// pods that look running.
import type { Node, Pod } from '../api/types';
import { R, type RestClient } from '../client/rest';

export function testNode(name: string, ip: string, o: { ready?: boolean; labels?: Record<string, string>; taints?: Node['spec']['taints']; heartbeat?: string } = {}): Node {
  const now = o.heartbeat ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...(o.labels ?? {}) } },
    spec: { taints: o.taints },
    status: {
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now }],
      addresses: [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: name }],
    },
  };
}

/** Creates a node and sets its status (the create path resets status for nodes only on update). */
export async function createNode(client: RestClient, node: Node): Promise<Node> {
  const created = await client.create<Node>(R.nodes, undefined, node);
  return client.update<Node>(R.nodes, { ...created, status: node.status }, 'status');
}

/** What a kubelet would report for a running pod. */
export async function markPodRunning(client: RestClient, pod: Pod, ip: string, ready = true): Promise<Pod> {
  const fresh = await client.get<Pod>(R.pods, pod.metadata.namespace, pod.metadata.name!);
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const status = ready ? 'True' : 'False';
  fresh.status = {
    ...fresh.status,
    phase: 'Running',
    podIP: ip,
    podIPs: [{ ip }],
    hostIP: '10.100.0.101',
    startTime: now,
    conditions: [
      { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: now },
      { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: now },
      { type: 'Ready', status, lastProbeTime: null, lastTransitionTime: now },
      { type: 'ContainersReady', status, lastProbeTime: null, lastTransitionTime: now },
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now },
    ],
  };
  return client.update<Pod>(R.pods, fresh, 'status');
}
