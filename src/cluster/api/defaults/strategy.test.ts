import { describe, expect, it } from 'vitest';
import type { Deployment, Namespace, Node, ReplicaSet } from '../types';
import { applyDefaults, prepareForCreate, prepareForUpdate } from './index';

// apps/v1 defaults.go, namespace defaults and the registry strategies
// (pkg/registry/{apps/deployment,apps/replicaset,core/namespace}/strategy.go).
describe('Deployment and ReplicaSet', () => {
  it('default replicas, strategy, history and deadline', () => {
    const d: Deployment = { metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [] } } } };
    applyDefaults('Deployment', d);
    prepareForCreate('Deployment', d);
    expect(d.spec).toMatchObject({
      replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
    });
    expect(d.status).toEqual({});
    expect(d.metadata.generation).toBe(1);
  });

  it('leave Recreate without rollingUpdate', () => {
    const d: Deployment = { metadata: {}, spec: { selector: {}, strategy: { type: 'Recreate' }, template: { spec: { containers: [] } } } };
    applyDefaults('Deployment', d);
    expect(d.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('keep status on update and count only spec or annotation changes', () => {
    const rs: ReplicaSet = { metadata: { name: 'web-1', generation: 4 }, spec: { replicas: 2, selector: {}, template: { spec: { containers: [] } } }, status: { replicas: 2 } };
    const next = structuredClone(rs);
    next.status = { replicas: 99 };
    next.metadata.labels = { a: 'b' };
    prepareForUpdate('ReplicaSet', next, rs);
    expect(next.status).toEqual({ replicas: 2 });
    expect(next.metadata.generation).toBe(4);
    next.spec.replicas = 3;
    prepareForUpdate('ReplicaSet', next, rs);
    expect(next.metadata.generation).toBe(5);
  });

  it('give new ReplicaSets an empty status with replicas 0', () => {
    const rs: ReplicaSet = { metadata: { name: 'web-1' }, spec: { selector: {}, template: { spec: { containers: [] } } } };
    prepareForCreate('ReplicaSet', rs);
    expect(rs.status).toEqual({ replicas: 0 });
  });
});

describe('Namespace', () => {
  it('is labelled with its name, Active, and finalized by kubernetes', () => {
    const ns: Namespace = { metadata: { name: 'lab' } };
    applyDefaults('Namespace', ns);
    prepareForCreate('Namespace', ns);
    expect(ns).toEqual({ metadata: { name: 'lab', labels: { 'kubernetes.io/metadata.name': 'lab' } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  });

  it('keeps finalizers and status on a plain update', () => {
    const old: Namespace = { metadata: { name: 'lab' }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
    const next: Namespace = { metadata: { name: 'lab' }, spec: {}, status: { phase: 'Terminating' } };
    prepareForUpdate('Namespace', next, old);
    expect(next.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(next.status).toEqual({ phase: 'Active' });
  });
});

describe('Node', () => {
  it('defaults allocatable to capacity', () => {
    const node: Node = { metadata: { name: 'node1' }, spec: {}, status: { capacity: { cpu: '2', pods: '110' } } };
    applyDefaults('Node', node);
    expect(node.status?.allocatable).toEqual({ cpu: '2', pods: '110' });
  });
});

describe('generateName', () => {
  it('appends five characters from the consonant alphabet', () => {
    const d: Deployment = { metadata: { generateName: 'web-' }, spec: { selector: {}, template: { spec: { containers: [] } } } };
    let i = 0;
    prepareForCreate('Deployment', d, { random: () => [0, 0.99, 0.5, 0.1, 0.3][i++] });
    expect(d.metadata.name).toBe('web-b9rdl');
  });
});
