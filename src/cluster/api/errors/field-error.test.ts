import { describe, expect, it } from 'vitest';
import { aggregateMessage, errorBody, errorString, fieldErrors as fe } from './field-error';
import { FieldPath } from './field-path';
import { goStruct } from './go-format';

// Expected strings follow k8s.io/apimachinery/pkg/util/validation/field/errors.go
// (ErrorBody: %v for numbers and bools, %q for strings, JSON for the rest).
describe('field errors print like field.Error.Error()', () => {
  it('prints numbers bare', () => {
    const e = fe.invalid(FieldPath.of('spec').child('ports').index(0).child('port'), 0, 'must be between 1 and 65535, inclusive');
    expect(errorString(e)).toBe('spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive');
  });

  it('prints strings quoted', () => {
    expect(errorString(fe.invalid('metadata.name', 'Web_UI', 'bad'))).toBe('metadata.name: Invalid value: "Web_UI": bad');
  });

  it('prints lists as JSON (REFERENCE.md clusterIPs message)', () => {
    const e = fe.invalid('spec.clusterIPs', ['10.100.100.100'], 'failed to allocate IP 10.100.100.100: provided IP is already allocated');
    expect(errorString(e)).toBe('spec.clusterIPs: Invalid value: ["10.100.100.100"]: failed to allocate IP 10.100.100.100: provided IP is already allocated');
  });

  it('prints maps as sorted JSON (the deployment selector/labels mismatch)', () => {
    const e = fe.invalid('spec.template.metadata.labels', { tier: 'web', app: 'x' }, '`selector` does not match template `labels`');
    expect(errorString(e)).toBe('spec.template.metadata.labels: Invalid value: {"app":"x","tier":"web"}: `selector` does not match template `labels`');
  });

  it('prints internal structs with their Go field names in order', () => {
    const e = fe.duplicate('spec.ports[1]', goStruct({ Name: '', Protocol: 'TCP', Port: 80 }));
    expect(errorString(e)).toBe('spec.ports[1]: Duplicate value: {"Name":"","Protocol":"TCP","Port":80}');
  });

  it('prints null for a missing value', () => {
    expect(errorBody(fe.invalid('spec.ipFamilyPolicy', null, 'x'))).toBe('Invalid value: null: x');
  });

  it('omits the value for Required, Forbidden, TooLong and Internal', () => {
    expect(errorString(fe.required('spec.selector'))).toBe('spec.selector: Required value');
    expect(errorString(fe.required('metadata.name', 'name or generateName is required')))
      .toBe('metadata.name: Required value: name or generateName is required');
    expect(errorString(fe.forbidden('spec.ports[0].nodePort', "may not be used when `type` is 'ClusterIP'")))
      .toBe("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
    expect(errorString(fe.tooLong('metadata.annotations', 262144)))
      .toBe('metadata.annotations: Too long: may not be more than 262144 bytes');
    expect(errorString(fe.internal('spec.clusterIPs', 'boom'))).toBe('spec.clusterIPs: Internal error: boom');
  });

  it('lists supported values quoted (NotSupported)', () => {
    const e = fe.notSupported('spec.type', 'Foo', ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']);
    expect(errorString(e)).toBe('spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"');
  });

  it('prints Duplicate and TooMany with their values', () => {
    expect(errorString(fe.duplicate('spec.ports[1].nodePort', 30200))).toBe('spec.ports[1].nodePort: Duplicate value: 30200');
    expect(errorString(fe.tooMany('endpoints', 1001, 1000))).toBe('endpoints: Too many: 1001: must have at most 1000 items');
    expect(errorString(fe.tooMany('endpoints', -1, 1))).toBe('endpoints: Too many: must have at most 1 item');
  });
});

describe('aggregateMessage (utilerrors aggregate)', () => {
  const a = fe.required('spec.selector');
  const b = fe.invalid('spec.replicas', -1, 'must be greater than or equal to 0');
  it('prints one error alone and several in brackets, without duplicates', () => {
    expect(aggregateMessage([a])).toBe('spec.selector: Required value');
    expect(aggregateMessage([a, b, a])).toBe('[spec.selector: Required value, spec.replicas: Invalid value: -1: must be greater than or equal to 0]');
    expect(aggregateMessage([])).toBeUndefined();
  });
});
