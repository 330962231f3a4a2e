// core/v1 Events: no scheme defaults upstream, but several v1 fields are not
// `omitempty` and always appear in what kube-apiserver returns. Filling them in
// keeps `kubectl get events -o yaml` identical to a real cluster's.

import type { Event } from '../types';

export function defaultEvent(ev: Event): void {
  ev.source ??= {};
  if (ev.firstTimestamp === undefined) ev.firstTimestamp = null;
  if (ev.lastTimestamp === undefined) ev.lastTimestamp = null;
  if (ev.eventTime === undefined) ev.eventTime = null;
  ev.reportingComponent ??= '';
  ev.reportingInstance ??= '';
}
