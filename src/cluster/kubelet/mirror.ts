// Mirror pods: the API's view of the components a host runs as processes
// (kubeadm runs them as static pods), so `kubectl get pods -n kube-system`
// shows etcd, kube-apiserver, kube-controller-manager and kube-scheduler on
// master and a kube-proxy on every node. Pure: the process facts come in.
import { createHash } from 'node:crypto';
import type { Pod } from '../api/types';

export interface ComponentProcess {
  /** The component's name: etcd, kube-apiserver, ... */
  name: string;
  /** argv of the running process; empty when it is not running. */
  argv: string[];
  running: boolean;
  /** When the current process started (RFC 3339). */
  startedAt?: string;
  /** How often the supervisor restarted it since the host booted. */
  restarts: number;
  pid?: number;
}

export interface MirrorContext {
  nodeName: string;
  nodeUID?: string;
  hostIP: string;
  image: string;
  imageID: string;
  /** When the kubelet first saw the static pod (RFC 3339). */
  seen: string;
}

const CONTROL_PLANE = new Set(['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']);

export function mirrorPodName(component: string, nodeName: string): string {
  if (CONTROL_PLANE.has(component)) return `${component}-${nodeName}`;
  // kube-proxy is a DaemonSet pod in kubeadm: a name with a short stable suffix per node.
  const suffix = createHash('sha256').update(nodeName).digest('hex').replace(/[^b-df-hj-np-tv-z2-9]/g, '').slice(0, 5).padEnd(5, 'x');
  return `${component}-${suffix}`;
}

function configHash(component: string, nodeName: string, argv: string[]): string {
  return createHash('sha256').update(`${component}\0${nodeName}\0${argv.join('\0')}`).digest('hex').slice(0, 32);
}

export function mirrorPod(p: ComponentProcess, ctx: MirrorContext): Pod {
  const hash = configHash(p.name, ctx.nodeName, p.argv);
  const controlPlane = CONTROL_PLANE.has(p.name);
  const labels: Record<string, string> = controlPlane ? { component: p.name, tier: 'control-plane' } : { 'k8s-app': p.name };
  const [command, ...args] = p.argv.length ? p.argv : [p.name];
  const ready = p.running;
  const startedAt = p.startedAt ?? ctx.seen;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: mirrorPodName(p.name, ctx.nodeName),
      namespace: 'kube-system',
      labels,
      annotations: {
        'kubernetes.io/config.hash': hash,
        'kubernetes.io/config.mirror': hash,
        'kubernetes.io/config.seen': ctx.seen,
        'kubernetes.io/config.source': 'file',
      },
      ownerReferences: ctx.nodeUID ? [{ apiVersion: 'v1', kind: 'Node', name: ctx.nodeName, uid: ctx.nodeUID, controller: true }] : undefined,
    },
    spec: {
      containers: [{ name: p.name, image: ctx.image, command: [command!, ...args], imagePullPolicy: 'IfNotPresent' }],
      hostNetwork: true,
      nodeName: ctx.nodeName,
      priorityClassName: controlPlane ? 'system-node-critical' : 'system-node-critical',
      tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
    },
    status: {
      phase: 'Running',
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: ctx.seen },
        { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: ctx.seen },
        { type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: startedAt },
        { type: 'ContainersReady', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: startedAt },
        { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: ctx.seen },
      ],
      hostIP: ctx.hostIP,
      hostIPs: [{ ip: ctx.hostIP }],
      podIP: ctx.hostIP,
      podIPs: [{ ip: ctx.hostIP }],
      startTime: ctx.seen,
      qosClass: 'BestEffort',
      containerStatuses: [
        {
          name: p.name,
          ready,
          restartCount: p.restarts,
          started: p.running,
          image: ctx.image,
          imageID: ctx.imageID,
          containerID: p.pid ? `process://${p.pid}` : undefined,
          state: p.running ? { running: { startedAt } } : { waiting: { reason: 'CrashLoopBackOff', message: `back-off restarting failed container ${p.name}` } },
        },
      ],
    },
  };
}

/** Which of a host's supervised components have mirror pods. */
export function mirroredComponents(controlPlane: boolean): string[] {
  return controlPlane ? ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy'] : ['kube-proxy'];
}
