import { describe, expect, it } from 'vitest';
import { errorString, FieldPath } from '../errors';
import { validateAnnotations, validateLabels, validateLabelSelector } from './labels';
import { validateObjectMeta, validateObjectMetaUpdate } from './metadata';
import { nameIsDNSSubdomain } from './names';

// Expected texts: k8s.io/apimachinery/pkg/api/validation/objectmeta.go and
// pkg/apis/meta/v1/validation (labels, selectors); finalizers from core.
const run = (errs: { field: string }[]): string[] => errs.map((e) => errorString(e as never));

describe('ObjectMeta on create', () => {
  it('requires a name or generateName and a namespace', () => {
    expect(run(validateObjectMeta({}, true, nameIsDNSSubdomain))).toEqual([
      'metadata.name: Required value: name or generateName is required',
      'metadata.namespace: Required value',
    ]);
  });

  it('checks generateName as a prefix', () => {
    expect(run(validateObjectMeta({ generateName: 'Web-', name: 'web-abcde', namespace: 'default' }, true, nameIsDNSSubdomain))[0])
      .toMatch(/^metadata\.generateName: Invalid value: "Web-": a lowercase RFC 1123 subdomain/);
  });

  it('forbids a namespace on cluster-scoped kinds', () => {
    expect(run(validateObjectMeta({ name: 'node1', namespace: 'default' }, false, nameIsDNSSubdomain))).toEqual([
      'metadata.namespace: Forbidden: not allowed on this type',
    ]);
  });

  it('checks finalizers as core does', () => {
    expect(run(validateObjectMeta({ name: 'x', namespace: 'default', finalizers: ['protect'] }, true, nameIsDNSSubdomain))).toEqual([
      'metadata.finalizers[0]: Invalid value: "protect": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });

  it('checks owner references', () => {
    expect(run(validateObjectMeta({ name: 'x', namespace: 'default', ownerReferences: [{ apiVersion: '', kind: 'ReplicaSet', name: 'rs', uid: '' }] }, true, nameIsDNSSubdomain))).toEqual([
      'metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty',
      'metadata.ownerReferences.uid: Invalid value: "": must not be empty',
    ]);
  });
});

describe('ObjectMeta on update', () => {
  it('keeps identity fields and refuses new finalizers while deleting', () => {
    const old = { name: 'a', namespace: 'default', uid: 'u1', resourceVersion: '1', deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: ['kubernetes'] };
    const next = { ...old, uid: 'u2', finalizers: ['kubernetes', 'example.com/x'] };
    expect(run(validateObjectMetaUpdate(next, old))).toEqual([
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/x"}',
      'metadata.uid: Invalid value: "u2": field is immutable',
    ]);
  });
});

describe('labels, annotations and selectors', () => {
  it('reports label problems at the map path, keys sorted', () => {
    expect(run(validateLabels({ 'b': 'bad value', 'a/b/c': 'x' }, FieldPath.of('metadata', 'labels')))).toEqual([
      "metadata.labels: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      "metadata.labels: Invalid value: \"bad value\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]);
  });

  it('accepts upper-case annotation keys and limits their total size', () => {
    expect(validateAnnotations({ 'Example.com/Note': 'x' }, 'metadata.annotations')).toEqual([]);
    expect(run(validateAnnotations({ a: 'x'.repeat(262144) }, 'metadata.annotations'))).toEqual([
      'metadata.annotations: Too long: may not be more than 262144 bytes',
    ]);
  });

  it('checks selector requirements', () => {
    expect(run(validateLabelSelector({ matchExpressions: [{ key: 'app', operator: 'In' }, { key: 'tier', operator: 'Exists', values: ['x'] }] }, FieldPath.of('spec', 'selector')))).toEqual([
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
    ]);
  });
});
