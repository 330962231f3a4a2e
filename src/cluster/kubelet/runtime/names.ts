// Docker names for a pod's containers: deterministic, valid for Docker, and
// readable in `docker ps` (DESIGN.md §2: `kubelab-node1-webui-7d9f…`).
//
//   sandbox:    <lab>-<node>-<pod>-<uid8>                    (.<n> for the n-th new sandbox)
//   container:  <lab>-<node>-<pod>-<uid8>-<container>        (first run)
//               <lab>-<node>-<pod>-<uid8>-<container>.<n>    (n-th restart)
//
// Every run gets its own Docker container, as in Kubernetes (a new container
// ID per restart, the previous one kept for `kubectl logs --previous`). A
// container name is a DNS label, so it never contains the `.` that separates
// the restart number: names cannot collide.

import type { NodeRef, PodRef } from './labels';

export function shortUID(uid: string): string {
  return uid.replace(/-/g, '').slice(0, 8).toLowerCase();
}

// Pod names are DNS subdomains (lower-case, digits, '-', '.'), already valid
// for Docker; anything else a caller passes is made safe rather than rejected.
function safe(part: string): string {
  return part.replace(/[^a-zA-Z0-9_.-]/g, '-');
}

function podBase(node: NodeRef, pod: PodRef): string {
  return `${safe(node.lab)}-${safe(node.node)}-${safe(pod.name)}-${shortUID(pod.uid)}`;
}

/** `attempt` counts sandboxes made for the pod before this one (a dead sandbox is replaced, not reused). */
export function sandboxName(node: NodeRef, pod: PodRef, attempt = 0): string {
  const base = podBase(node, pod);
  return attempt > 0 ? `${base}.${attempt}` : base;
}

export function containerName(node: NodeRef, pod: PodRef, container: string, restartCount: number): string {
  const base = `${podBase(node, pod)}-${safe(container)}`;
  return restartCount > 0 ? `${base}.${restartCount}` : base;
}
