// Labels on every pod container, so a restarted kubelet finds and re-adopts
// what it made (and `kubelab down` removes exactly that). The keys follow the
// engine's io.kubelab.* scheme (src/lab/topology/plan.ts).

export const LABEL = {
  lab: 'io.kubelab.lab',
  role: 'io.kubelab.role',
  host: 'io.kubelab.host',
  podNamespace: 'io.kubelab.pod.namespace',
  podName: 'io.kubelab.pod.name',
  podUID: 'io.kubelab.pod.uid',
  /** `sandbox`, `init` or `container`. */
  kind: 'io.kubelab.container.kind',
  containerName: 'io.kubelab.container.name',
  restartCount: 'io.kubelab.container.restart-count',
  hash: 'io.kubelab.container.hash',
  /** The image the manifest asked for (the container may run the lab's stand-in). */
  requestedImage: 'io.kubelab.container.image',
  /** How the image was resolved: `local` or `stand-in`. */
  imageSource: 'io.kubelab.container.image-source',
  /** ContainerStatus.imageID, fixed when the container was made. */
  imageID: 'io.kubelab.container.image-id',
  /** The user `kubectl exec` runs as (a stand-in's process user differs from the real image's). */
  execUser: 'io.kubelab.container.exec-user',
  /** How many sandboxes the pod had before this one. */
  sandboxAttempt: 'io.kubelab.sandbox.attempt',
  /** The pod IP a sandbox holds (survives a kubelet restart without a Docker inspect). */
  podIP: 'io.kubelab.pod.ip',
  terminationGracePeriod: 'io.kubelab.pod.termination-grace-period',
} as const;

export const POD_ROLE = 'pod';

export type ContainerKind = 'sandbox' | 'init' | 'container';

export interface PodRef {
  namespace: string;
  name: string;
  uid: string;
}

export interface NodeRef {
  lab: string;
  node: string;
}

export function podLabels(node: NodeRef, pod: PodRef, kind: ContainerKind): Record<string, string> {
  return {
    [LABEL.lab]: node.lab,
    [LABEL.role]: POD_ROLE,
    [LABEL.host]: node.node,
    [LABEL.podNamespace]: pod.namespace,
    [LABEL.podName]: pod.name,
    [LABEL.podUID]: pod.uid,
    [LABEL.kind]: kind,
  };
}

/** Filters for listing this node's pod containers (`DockerClient.listContainers`). */
export function nodeFilter(node: NodeRef): string[] {
  return [`${LABEL.lab}=${node.lab}`, `${LABEL.role}=${POD_ROLE}`, `${LABEL.host}=${node.node}`];
}

/** What the labels of one Docker container say about it; null for a container that is not a pod's. */
export interface LabelledContainer {
  pod: PodRef;
  kind: ContainerKind;
  containerName?: string;
  restartCount: number;
  hash?: string;
  requestedImage?: string;
  imageSource?: string;
  imageID?: string;
  execUser?: string;
  podIP?: string;
  sandboxAttempt: number;
}

export function readLabels(labels: Record<string, string> | undefined): LabelledContainer | null {
  if (!labels || labels[LABEL.role] !== POD_ROLE) return null;
  const namespace = labels[LABEL.podNamespace];
  const name = labels[LABEL.podName];
  const uid = labels[LABEL.podUID];
  const kind = labels[LABEL.kind];
  if (!namespace || !name || !uid || (kind !== 'sandbox' && kind !== 'init' && kind !== 'container')) return null;
  const count = (key: string) => {
    const n = Number(labels[key] ?? '0');
    return Number.isInteger(n) && n >= 0 ? n : 0;
  };
  return {
    pod: { namespace, name, uid },
    kind,
    containerName: labels[LABEL.containerName],
    restartCount: count(LABEL.restartCount),
    hash: labels[LABEL.hash],
    requestedImage: labels[LABEL.requestedImage],
    imageSource: labels[LABEL.imageSource],
    imageID: labels[LABEL.imageID],
    execUser: labels[LABEL.execUser],
    podIP: labels[LABEL.podIP],
    sandboxAttempt: count(LABEL.sandboxAttempt),
  };
}
