// core/v1 Events (legacyValidateEvent in pkg/apis/core/validation/events.go).
// Names are checked only by the generic URL-segment rule (see index.ts).

import { fieldErrors as fe, FieldPath, type FieldError } from '../errors';
import type { Event } from '../types';
import { isDNS1123Subdomain, isQualifiedName } from './names';

const LIMIT_128 = 128;
const NOTE_LIMIT = 1024;

export function validateEvent(ev: Event): FieldError[] {
  const errs: FieldError[] = [];
  const ns = ev.metadata?.namespace ?? '';
  const involvedNs = ev.involvedObject?.namespace ?? '';
  const path = FieldPath.of('involvedObject', 'namespace');
  if (!ev.eventTime) {
    if (involvedNs === '') {
      // Old clients may still file cluster-scoped objects' events in "default".
      if (ns !== '' && ns !== 'default') errs.push(fe.invalid(path, involvedNs, 'does not match event.namespace'));
    } else if (ns !== involvedNs) {
      errs.push(fe.invalid(path, involvedNs, 'does not match event.namespace'));
    }
  } else {
    if (involvedNs === '' && ns !== 'default' && ns !== 'kube-system') errs.push(fe.invalid(path, involvedNs, 'does not match event.namespace'));
    const controller = ev.reportingComponent ?? '';
    if (controller === '') errs.push(fe.required('reportingComponent'));
    for (const m of isQualifiedName(controller)) errs.push(fe.invalid('reportingComponent', controller, m));
    const instance = ev.reportingInstance ?? '';
    if (instance === '') errs.push(fe.required('reportingInstance'));
    if (instance.length > LIMIT_128) errs.push(fe.invalid('reportingInstance', '', `can have at most ${LIMIT_128} characters`));
    const action = String(ev.action ?? '');
    if (action === '') errs.push(fe.required('action'));
    if (action.length > LIMIT_128) errs.push(fe.invalid('action', '', `can have at most ${LIMIT_128} characters`));
    const reason = ev.reason ?? '';
    if (reason === '') errs.push(fe.required('reason'));
    if (reason.length > LIMIT_128) errs.push(fe.invalid('reason', '', `can have at most ${LIMIT_128} characters`));
    if ((ev.message ?? '').length > NOTE_LIMIT) errs.push(fe.invalid('message', '', `can have at most ${NOTE_LIMIT} characters`));
  }
  for (const m of isDNS1123Subdomain(ns)) errs.push(fe.invalid('namespace', ns, m));
  return errs;
}
