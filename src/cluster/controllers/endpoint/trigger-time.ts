// TriggerTimeTracker (endpointslice/util/trigger_time_tracker.go): the
// endpoints.kubernetes.io/last-change-trigger-time annotation is the earliest
// change (a pod's Ready transition, the service's creation) that this sync is
// the first to reflect. Nothing new: no annotation.
import type { Pod, Service } from '../../api/types';
import { parseTime } from '../framework/objects';
import { podCondition } from '../framework/pods';

export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';

interface State {
  service: number;
  pods: Map<string, number>;
}

export class TriggerTimeTracker {
  private readonly states = new Map<string, State>();

  /** The trigger time in ms, or undefined when nothing changed since the last call. */
  compute(service: Service, pods: Pod[]): number | undefined {
    const key = `${service.metadata.namespace}/${service.metadata.name}`;
    const state = this.states.get(key);
    const next: State = { service: 0, pods: new Map() };
    let min: number | undefined;
    const consider = (t: number) => {
      if (min === undefined || t < min) min = t;
    };
    for (const pod of pods) {
      const t = parseTime(podCondition(pod, 'Ready')?.lastTransitionTime);
      if (t === undefined) continue;
      next.pods.set(pod.metadata.name!, t);
      if (t > (state?.pods.get(pod.metadata.name!) ?? -Infinity)) consider(t);
    }
    const svc = parseTime(service.metadata.creationTimestamp) ?? 0;
    next.service = svc;
    if (svc > (state?.service ?? -Infinity)) consider(svc);
    this.states.set(key, next);
    return min;
  }

  delete(namespace: string, name: string): void {
    this.states.delete(`${namespace}/${name}`);
  }
}
