// The mutating admission plugins a kubeadm cluster runs on every new pod, in
// their order: ServiceAccount, Priority, DefaultTolerationSeconds. Their marks
// are what a learner sees in `kubectl get pod -o yaml` of a plain pod.

import { statusErrors } from '../errors';
import type { Pod, Status, Toleration } from '../types';
import { randomSuffix } from './generate-name';

export const DEFAULT_TOLERATION_SECONDS = 300;
export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The two built-in PriorityClasses; the lab creates no others. */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

export interface PodAdmissionOptions {
  /**
   * Add the projected `kube-api-access-xxxxx` token volume and its mounts, as
   * the ServiceAccount plugin does on a real cluster. Only worth it when the
   * kubelet really serves that directory.
   */
  serviceAccountVolume?: boolean;
  random?: () => number;
}

function admitServiceAccount(pod: Pod, opts: PodAdmissionOptions): void {
  const spec = pod.spec;
  if (!spec.serviceAccountName) spec.serviceAccountName = 'default';
  spec.serviceAccount = spec.serviceAccountName;
  if (!opts.serviceAccountVolume || spec.automountServiceAccountToken === false) return;
  const volumes = (spec.volumes as Record<string, unknown>[] | undefined) ?? [];
  if (volumes.some((v) => String(v.name ?? '').startsWith('kube-api-access-'))) return;
  const name = `kube-api-access-${randomSuffix(opts.random)}`;
  volumes.push({
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    },
  });
  spec.volumes = volumes;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const mounts = (c.volumeMounts as Record<string, unknown>[] | undefined) ?? [];
    if (mounts.some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH)) continue;
    mounts.push({ mountPath: SERVICE_ACCOUNT_MOUNT_PATH, name, readOnly: true });
    c.volumeMounts = mounts;
  }
}

function admitPriority(pod: Pod): Status | undefined {
  const spec = pod.spec;
  const name = pod.metadata?.name ?? '';
  const cls = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '';
  let priority = 0;
  if (cls !== '') {
    if (!(cls in SYSTEM_PRIORITY_CLASSES)) {
      return statusErrors.forbidden({ group: '', resource: 'pods' }, name, `no PriorityClass with name ${cls} was found`);
    }
    priority = SYSTEM_PRIORITY_CLASSES[cls];
  }
  if (spec.priority !== undefined && spec.priority !== null && spec.priority !== priority) {
    return statusErrors.forbidden({ group: '', resource: 'pods' }, name,
      `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`);
  }
  spec.priority = priority;
  // No PriorityClass here says otherwise, so the computed policy is always this one.
  const policy = 'PreemptLowerPriority';
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null && spec.preemptionPolicy !== policy) {
    return statusErrors.forbidden({ group: '', resource: 'pods' }, name,
      `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
  }
  spec.preemptionPolicy = policy;
  return undefined;
}

function admitDefaultTolerationSeconds(pod: Pod): void {
  const tolerations: Toleration[] = pod.spec.tolerations ?? [];
  const tolerates = (key: string): boolean => tolerations.some((t) =>
    (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
  const added: Toleration[] = [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerates(key)) added.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
  if (added.length > 0) pod.spec.tolerations = [...tolerations, ...added];
}

/**
 * Runs the mutating admission plugins on a pod being created. A Status is an
 * admission refusal, to be returned to the client as is.
 */
export function admitPodCreate(pod: Pod, opts: PodAdmissionOptions = {}): Status | undefined {
  pod.spec ??= { containers: [] };
  admitServiceAccount(pod, opts);
  const refused = admitPriority(pod);
  if (refused) return refused;
  admitDefaultTolerationSeconds(pod);
  return undefined;
}
