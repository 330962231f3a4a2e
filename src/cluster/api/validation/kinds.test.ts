import { describe, expect, it } from 'vitest';
import { applyDefaults, prepareForCreate } from '../defaults';
import { errorString } from '../errors';
import type { EndpointSlice, Endpoints, Event, KubeObject, Namespace, Node } from '../types';
import { invalidStatus, validateObject } from './index';

// Namespace, Node, Endpoints, EndpointSlice and Event rules from
// pkg/apis/core/validation, pkg/apis/core/validation/events.go and
// pkg/apis/discovery/validation.
function created(kind: string, obj: KubeObject): string[] {
  applyDefaults(kind, obj);
  prepareForCreate(kind, obj);
  return validateObject(kind, obj).map(errorString);
}

describe('Namespace', () => {
  it('is a DNS label, cluster-scoped', () => {
    expect(created('Namespace', { metadata: { name: 'lab' } } as Namespace)).toEqual([]);
    expect(created('Namespace', { metadata: { name: 'my.lab' } } as Namespace)).toEqual(['metadata.name: Invalid value: "my.lab": must not contain dots']);
  });

  it('checks spec finalizers', () => {
    expect(created('Namespace', { metadata: { name: 'lab' }, spec: { finalizers: ['foo'] } } as Namespace)).toEqual([
      'spec.finalizers: Invalid value: "foo": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });
});

describe('Node', () => {
  it('reports taints under metadata.taints, as upstream does', () => {
    const node: Node = { metadata: { name: 'node1' }, spec: { taints: [{ key: 'dedicated', effect: 'NoRun' as 'NoSchedule' }, { key: 'a', effect: 'NoSchedule' }, { key: 'a', effect: 'NoSchedule' }] } };
    expect(created('Node', node)).toEqual([
      'metadata.taints[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      'metadata.taints[2]: Duplicate value: {"Key":"a","Value":"","Effect":"NoSchedule","TimeAdded":null}: taints must be unique by key and effect pair',
    ]);
  });

  it('keeps podCIDRs once set', () => {
    const old: Node = { metadata: { name: 'node1', resourceVersion: '1' }, spec: { podCIDRs: ['10.244.1.0/24'] } };
    const next: Node = { metadata: { name: 'node1', resourceVersion: '1' }, spec: { podCIDRs: ['10.244.2.0/24'] } };
    expect(validateObject('Node', next, old).map(errorString)).toEqual([
      'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
    ]);
  });
});

describe('Endpoints and EndpointSlices', () => {
  it('checks endpoint addresses and ports', () => {
    const ep: Endpoints = { metadata: { name: 'web', namespace: 'default' }, subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ port: 80 }, { port: 443 }] }] };
    expect(created('Endpoints', ep)).toEqual([
      'subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      'subsets[0].ports[0].name: Required value',
      'subsets[0].ports[1].name: Required value',
    ]);
    expect(created('Endpoints', { metadata: { name: 'web', namespace: 'default' }, subsets: [{}] } as Endpoints)).toEqual([
      'subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`',
    ]);
  });

  it('checks slices', () => {
    const slice: EndpointSlice = {
      metadata: { name: 'web-abc', namespace: 'default' }, addressType: 'IPv4',
      endpoints: [{ addresses: [] }, { addresses: ['10.244.1.5'] }, { addresses: ['fd00::1'] }],
      ports: [{ name: 'http', port: 80 }, { name: 'http', port: 81 }],
    };
    expect(created('EndpointSlice', slice)).toEqual([
      'endpoints[0].addresses: Required value: must contain at least 1 address',
      'endpoints[2].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address',
      'ports[1].name: Duplicate value: "http"',
    ]);
    expect(slice.ports?.[0].protocol).toBe('TCP');
    expect(slice.metadata.generation).toBe(1);
  });
});

describe('Event', () => {
  it('requires the involved object in the event namespace and a name', () => {
    const ev: Event = { metadata: { namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'web', namespace: 'lab' }, reason: 'Started' };
    expect(created('Event', ev)).toEqual(['involvedObject.namespace: Invalid value: "lab": does not match event.namespace']);
    ev.involvedObject.namespace = 'default';
    expect(created('Event', structuredClone(ev))).toEqual(['metadata.name: Required value: name or generateName is required']);
    ev.metadata.name = 'web.17a2b3c4d5e6f708';
    expect(created('Event', ev)).toEqual([]);
  });
});

describe('invalidStatus', () => {
  it('builds the 422 kubectl prints as "The Service \\"x\\" is invalid"', () => {
    const errs = created('Service', { metadata: { name: 'x', namespace: 'default' }, spec: { ports: [{ port: 0, targetPort: 80 }] } } as KubeObject);
    expect(errs).toHaveLength(1);
    const s = invalidStatus('Service', '', 'x', validateObject('Service', { metadata: { name: 'x', namespace: 'default' }, spec: { type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ports: [{ port: 0, protocol: 'TCP', targetPort: 80 }] } } as KubeObject));
    expect(s.message).toBe('Service "x" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive');
    expect(s.details?.causes).toEqual([{ reason: 'FieldValueInvalid', message: 'Invalid value: 0: must be between 1 and 65535, inclusive', field: 'spec.ports[0].port' }]);
  });

  it('refuses kinds it does not know rather than passing them', () => {
    expect(validateObject('ConfigMap', { metadata: { name: 'x' } })).toHaveLength(1);
  });
});
