// Scheme defaulting of Deployments and ReplicaSets (pkg/apis/apps/v1/defaults.go);
// their pod templates get the pod-spec defaults but not the pod-only ones.

import type { Deployment, ReplicaSet } from '../types';
import { defaultPodSpec } from './pod';

export function defaultDeployment(d: Deployment): void {
  d.spec ??= {} as Deployment['spec'];
  const s = d.spec;
  s.replicas ??= 1;
  s.strategy ??= {};
  if (!s.strategy.type) s.strategy.type = 'RollingUpdate';
  if (s.strategy.type === 'RollingUpdate') {
    s.strategy.rollingUpdate ??= {};
    s.strategy.rollingUpdate.maxUnavailable ??= '25%';
    s.strategy.rollingUpdate.maxSurge ??= '25%';
  }
  s.revisionHistoryLimit ??= 10;
  s.progressDeadlineSeconds ??= 600;
  defaultTemplate(s);
}

export function defaultReplicaSet(rs: ReplicaSet): void {
  rs.spec ??= {} as ReplicaSet['spec'];
  rs.spec.replicas ??= 1;
  defaultTemplate(rs.spec);
}

function defaultTemplate(s: { template?: Deployment['spec']['template'] }): void {
  s.template ??= { spec: { containers: [] } };
  s.template.spec ??= { containers: [] };
  defaultPodSpec(s.template.spec);
}
