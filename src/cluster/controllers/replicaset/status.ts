// calculateStatus of a ReplicaSet: counts of its active pods, the terminating
// ones, and the ReplicaFailure condition while creating or deleting fails.
import type { Pod, ReplicaSet, ReplicaSetStatus } from '../../api/types';
import { selectorFromSet } from '../../api/selectors';
import { omitZero, rfc3339 } from '../framework/objects';
import { isPodAvailable, isPodReady } from '../framework/pods';

interface RSCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export function calculateReplicaSetStatus(rs: ReplicaSet, active: Pod[], terminating: Pod[], manageError: Error | undefined, now: Date): ReplicaSetStatus {
  const status: ReplicaSetStatus = structuredClone(rs.status ?? { replicas: 0 });
  const templateLabels = selectorFromSet(rs.spec.template.metadata?.labels ?? {});
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of active) {
    if (templateLabels.matches(pod.metadata.labels ?? {})) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, rs.spec.minReadySeconds ?? 0, now.getTime())) available++;
    }
  }
  const conditions = (status.conditions ?? []) as RSCondition[];
  const failure = conditions.find((c) => c.type === 'ReplicaFailure');
  if (manageError && !failure) {
    const diff = active.length - (rs.spec.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    conditions.push({ type: 'ReplicaFailure', status: 'True', lastTransitionTime: rfc3339(now), reason, message: manageError.message });
  } else if (!manageError && failure) {
    conditions.splice(conditions.indexOf(failure), 1);
  }
  if (conditions.length) status.conditions = conditions;
  else delete status.conditions;
  status.replicas = active.length;
  status.fullyLabeledReplicas = fullyLabeled;
  status.readyReplicas = ready;
  status.availableReplicas = available;
  status.terminatingReplicas = terminating.length;
  return omitZero(status, ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration']);
}
