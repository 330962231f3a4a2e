import { describe, expect, it } from 'vitest';
import { fieldErrors as fe } from './field-error';
import * as st from './status';

// Shapes and messages from k8s.io/apimachinery/pkg/api/errors/errors.go; the
// JSON byte order is metav1.Status's field order as kube-apiserver writes it.
describe('Status builders', () => {
  it('NotFound names the resource, not the kind, in details', () => {
    expect(JSON.stringify(st.notFound({ group: '', resource: 'pods' }, 'x'))).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"x\\" not found","reason":"NotFound","details":{"name":"x","kind":"pods"},"code":404}');
  });

  it('AlreadyExists qualifies grouped resources', () => {
    const s = st.alreadyExists({ group: 'apps', resource: 'deployments' }, 'webui');
    expect(s.message).toBe('deployments.apps "webui" already exists');
    expect(s.details).toEqual({ name: 'webui', group: 'apps', kind: 'deployments' });
    expect(s.code).toBe(409);
  });

  it('Conflict uses the storage precondition message', () => {
    const s = st.conflict({ group: 'apps', resource: 'deployments' }, 'webui');
    expect(s.message).toBe('Operation cannot be fulfilled on deployments.apps "webui": the object has been modified; please apply your changes to the latest version and try again');
    expect(s.reason).toBe('Conflict');
  });

  it('Invalid aggregates messages and carries one cause per error', () => {
    const s = st.invalid({ group: '', kind: 'Service' }, 'x', [
      fe.invalid('spec.ports[0].port', 0, 'must be between 1 and 65535, inclusive'),
    ]);
    expect(JSON.stringify(s)).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",' +
      '"message":"Service \\"x\\" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",' +
      '"reason":"Invalid","details":{"name":"x","kind":"Service","causes":[{"reason":"FieldValueInvalid",' +
      '"message":"Invalid value: 0: must be between 1 and 65535, inclusive","field":"spec.ports[0].port"}]},"code":422}');
  });

  it('Invalid with several errors uses the [a, b] form', () => {
    const s = st.invalid({ group: 'apps', kind: 'Deployment' }, 'web', [
      fe.required('spec.selector'),
      fe.required('spec.template.spec.containers'),
    ]);
    expect(s.message).toBe('Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.spec.containers: Required value]');
    expect(s.details?.causes).toEqual([
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.selector' },
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.template.spec.containers' },
    ]);
  });

  it('Invalid without errors has no colon', () => {
    expect(st.invalid({ group: '', kind: 'Pod' }, 'p', []).message).toBe('Pod "p" is invalid');
  });

  it('Forbidden has three message forms', () => {
    expect(st.forbidden({ group: '', resource: '' }, '', 'no').message).toBe('forbidden: no');
    expect(st.forbidden({ group: '', resource: 'pods' }, '', 'no').message).toBe('pods is forbidden: no');
    expect(st.forbidden({ group: '', resource: 'pods' }, 'p', 'no').message).toBe('pods "p" is forbidden: no');
  });

  it('MethodNotSupported, BadRequest and decode failures', () => {
    const m = st.methodNotSupported({ group: '', resource: 'events' }, 'proxy');
    expect(m.message).toBe('proxy is not supported on resources of kind "events"');
    expect(m.code).toBe(405);
    expect(m.reason).toBe('MethodNotAllowed');
    expect(st.cannotBeHandledAs('Pod', 'v1', 'boom').message).toBe('Pod in version "v1" cannot be handled as a Pod: boom');
    expect(st.badRequest('nope')).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'nope', reason: 'BadRequest', code: 400 });
  });

  it('Gone and Expired are 410', () => {
    expect(st.tooOldResourceVersion(5, 120)).toMatchObject({ code: 410, reason: 'Expired', message: 'too old resource version: 5 (120)' });
    expect(st.gone('gone')).toMatchObject({ code: 410, reason: 'Gone' });
  });

  it('InternalError, ServerTimeout and Timeout', () => {
    expect(JSON.stringify(st.internalError('x'))).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Internal error occurred: x","reason":"InternalError","details":{"causes":[{"message":"x"}]},"code":500}');
    expect(st.serverTimeout({ group: '', resource: 'pods' }, 'create', 2).message)
      .toBe('The create operation against pods could not be completed at this time, please try again.');
    expect(st.timeout('request did not complete within 60s', 0)).toMatchObject({ code: 504, reason: 'Timeout', message: 'Timeout: request did not complete within 60s' });
  });
});
