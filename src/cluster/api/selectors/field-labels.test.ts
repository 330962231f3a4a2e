// Per-resource field selectors: accepted labels from pkg/apis/core/v1/conversion.go
// (AddFieldLabelConversionsForPod/Node/Event/Namespace/Service) and
// runtime.DefaultMetaV1FieldSelectorConversion; values from the registries'
// ToSelectableFields (pkg/registry/core/{pod,event,node,namespace,service}/strategy.go).

import { describe, expect, it } from 'vitest';
import type { Event, Namespace, Node, Pod, Service } from '../types';
import { BadRequestError } from './errors';
import { compileFieldSelector, convertFieldLabel, FieldLabelError, matchesFieldSelector, selectableFields } from './field-labels';

const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'webui-1', namespace: 'default' },
  spec: { containers: [], nodeName: 'node1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'default' },
  status: { phase: 'Running', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }] },
};

const event: Event = {
  metadata: { name: 'webui-1.17a', namespace: 'default' },
  involvedObject: { kind: 'Pod', namespace: 'default', name: 'webui-1', uid: 'u1', apiVersion: 'v1', resourceVersion: '42', fieldPath: 'spec.containers{nginx}' },
  reason: 'Pulled',
  type: 'Normal',
  reportingComponent: 'kubelet',
};

describe('selectableFields', () => {
  it('pods expose what PodToSelectableFields sets', () => {
    expect(selectableFields('pods', pod)).toEqual({
      'metadata.name': 'webui-1',
      'metadata.namespace': 'default',
      'spec.nodeName': 'node1',
      'spec.restartPolicy': 'Always',
      'spec.schedulerName': 'default-scheduler',
      'spec.serviceAccountName': 'default',
      'spec.hostNetwork': 'false',
      'status.phase': 'Running',
      'status.podIP': '10.244.1.5',
      'status.nominatedNodeName': '',
    });
  });

  it('events fall back to the reporting component for source', () => {
    expect(selectableFields('events', event)).toMatchObject({ source: 'kubelet', reportingComponent: 'kubelet', 'involvedObject.fieldPath': 'spec.containers{nginx}' });
    expect(selectableFields('events', { ...event, source: { component: 'default-scheduler' } }).source).toBe('default-scheduler');
  });

  it('nodes, namespaces and services', () => {
    const node: Node = { metadata: { name: 'node1' }, spec: { unschedulable: true } };
    expect(selectableFields('nodes', node)).toEqual({ 'metadata.name': 'node1', 'spec.unschedulable': 'true' });
    const ns: Namespace = { metadata: { name: 'default' }, status: { phase: 'Active' } };
    expect(selectableFields('namespaces', ns)).toEqual({ 'metadata.name': 'default', 'status.phase': 'Active', name: 'default' });
    const svc: Service = { metadata: { name: 'webui', namespace: 'default' }, spec: { type: 'NodePort', clusterIP: '10.100.100.100' } };
    expect(selectableFields('services', svc)).toEqual({
      'metadata.name': 'webui',
      'metadata.namespace': 'default',
      'spec.clusterIP': '10.100.100.100',
      'spec.type': 'NodePort',
    });
  });
});

describe('convertFieldLabel', () => {
  it('maps the legacy spec.host to spec.nodeName', () => {
    expect(convertFieldLabel('pods', 'spec.host', 'node1')).toEqual({ field: 'spec.nodeName', value: 'node1' });
  });

  it.each([
    ['pods', 'foo', 'field label not supported: foo'],
    ['events', 'message', 'field label not supported: message'],
    ['nodes', 'metadata.namespace', 'field label not supported: metadata.namespace'],
    ['namespaces', 'name', 'field label not supported: name'],
    ['services', 'spec.selector', 'field label not supported: spec.selector'],
    ['deployments', 'status.replicas', '"status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"'],
    ['replicasets.apps', 'spec.replicas', '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"'],
    ['endpointslices', 'addressType', '"addressType" is not a known field selector: only "metadata.name", "metadata.namespace"'],
  ])('%s refuses %s', (resource, label, message) => {
    expect(() => convertFieldLabel(resource, label, 'x')).toThrow(new FieldLabelError(message));
  });
});

describe('compileFieldSelector + matchesFieldSelector', () => {
  it('selects pods on a node, as the kubelet does', () => {
    const sel = compileFieldSelector('pods', 'spec.nodeName=node1');
    expect(matchesFieldSelector('pods', sel, pod)).toBe(true);
    expect(matchesFieldSelector('pods', sel, { ...pod, spec: { ...pod.spec, nodeName: 'node2' } })).toBe(false);
    expect(matchesFieldSelector('pods', compileFieldSelector('pods', 'spec.host=node1'), pod)).toBe(true);
  });

  it('accepts status.podIPs but matches nothing with it, like upstream', () => {
    const sel = compileFieldSelector('pods', 'status.podIPs=10.244.1.5');
    expect(matchesFieldSelector('pods', sel, pod)).toBe(false);
  });

  it('selects events the way kubectl describe asks for them', () => {
    const sel = compileFieldSelector(
      'events',
      'involvedObject.name=webui-1,involvedObject.namespace=default,involvedObject.kind=Pod,involvedObject.uid=u1',
    );
    expect(matchesFieldSelector('events', sel, event)).toBe(true);
    expect(matchesFieldSelector('events', sel, { ...event, involvedObject: { ...event.involvedObject, uid: 'u2' } })).toBe(false);
  });

  it('selects on metadata for any resource, and an empty selector matches all', () => {
    expect(matchesFieldSelector('deployments', compileFieldSelector('deployments', 'metadata.name!=x'), pod)).toBe(true);
    expect(matchesFieldSelector('pods', compileFieldSelector('pods', ''), pod)).toBe(true);
  });

  it('answers a bad field or a bad selector with a 400 BadRequest', () => {
    const attempt = (resource: string, selector: string): BadRequestError => {
      try {
        compileFieldSelector(resource, selector);
      } catch (err) {
        return err as BadRequestError;
      }
      throw new Error('expected a BadRequestError');
    };
    const err = attempt('pods', 'foo=bar');
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err.status).toMatchObject({ code: 400, reason: 'BadRequest', message: 'field label not supported: foo' });
    expect(attempt('pods', 'nonsense').status.message).toBe("invalid selector: 'nonsense'; can't understand 'nonsense'");
  });
});
