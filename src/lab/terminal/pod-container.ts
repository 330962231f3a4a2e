// Which Docker container runs a pod's (first) app container, read from the
// labels the kubelet puts on every pod container (src/cluster/kubelet/runtime/
// labels.ts): role `pod`, the pod's name and namespace, the container kind
// (`sandbox`, `init` or `container`) and the user `kubectl exec` runs as.
// Pure: takes the engine's container list.

export const LABEL = {
  role: 'io.kubelab.role',
  podName: 'io.kubelab.pod.name',
  podNamespace: 'io.kubelab.pod.namespace',
  kind: 'io.kubelab.container.kind',
  restartCount: 'io.kubelab.container.restart-count',
  execUser: 'io.kubelab.container.exec-user',
} as const;

export interface ListedContainer {
  name: string;
  state: string;
  labels: Record<string, string>;
}

export interface PodContainer {
  container: string;
  /** The user a shell in it runs as (a stand-in image's user may differ from the real image's). */
  user?: string;
}

export function findPodContainer(containers: ListedContainer[], namespace: string, pod: string): PodContainer | undefined {
  const candidates = containers.filter((c) => {
    const l = c.labels;
    return l[LABEL.role] === 'pod' && l[LABEL.kind] === 'container' && l[LABEL.podName] === pod && l[LABEL.podNamespace] === namespace;
  });
  const restarts = (c: ListedContainer) => Number(c.labels[LABEL.restartCount] ?? 0) || 0;
  // A restarted container leaves its dead predecessor behind: the running one, else the newest.
  const best = [...candidates].sort((a, b) => Number(b.state === 'running') - Number(a.state === 'running') || restarts(b) - restarts(a))[0];
  return best && { container: best.name, user: best.labels[LABEL.execUser] || undefined };
}
