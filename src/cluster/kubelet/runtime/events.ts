// The Events the kubelet records about a pod's containers, in upstream's words
// (kuberuntime_container.go). The caller adds involvedObject
// (fieldPath `spec.containers{name}`) and source {component: kubelet, host}.
import type { Pod } from '../../api/types';
import type { KubeletEvent } from './images';

/** format.Pod: `name_namespace(uid)`, as kubelet messages name a pod. */
export function formatPod(pod: Pod): string {
  return `${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? 'default'}(${pod.metadata.uid ?? ''})`;
}

export const containerEvents = {
  created: (name: string): KubeletEvent => ({ type: 'Normal', reason: 'Created', message: `Created container: ${name}` }),
  started: (name: string): KubeletEvent => ({ type: 'Normal', reason: 'Started', message: `Started container ${name}` }),
  killing: (name: string): KubeletEvent => ({ type: 'Normal', reason: 'Killing', message: `Stopping container ${name}` }),
  /** Docker refused to create or start it (e.g. `exec: "foo": executable file not found in $PATH`). */
  failed: (message: string): KubeletEvent => ({ type: 'Warning', reason: 'Failed', message: `Error: ${message}` }),
  backOff: (name: string, pod: Pod): KubeletEvent => ({ type: 'Warning', reason: 'BackOff', message: `Back-off restarting failed container ${name} in pod ${formatPod(pod)}` }),
};

/** Field path of a container for Event.involvedObject. */
export function containerFieldPath(name: string, init = false): string {
  return init ? `spec.initContainers{${name}}` : `spec.containers{${name}}`;
}
