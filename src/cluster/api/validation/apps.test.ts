import { describe, expect, it } from 'vitest';
import { applyDefaults, prepareForCreate, prepareForUpdate } from '../defaults';
import { errorString } from '../errors';
import type { Deployment, ReplicaSet } from '../types';
import { validateObject } from './index';

// Expected texts: pkg/apis/apps/validation/validation.go (ValidateDeploymentSpec,
// ValidatePodTemplateSpecForReplicaSet, ValidateDeploymentStrategy) and the
// apps/v1 strategy's selector immutability check.
function deployment(spec: Partial<Deployment['spec']>): Deployment {
  const d: Deployment = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'webui', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'webui' } },
      template: { metadata: { labels: { app: 'webui' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
      ...spec,
    } as Deployment['spec'],
  };
  applyDefaults('Deployment', d);
  prepareForCreate('Deployment', d);
  return d;
}
const create = (d: Deployment): string[] => validateObject('Deployment', d).map(errorString);

describe('Deployment create', () => {
  it('accepts the lesson deployment', () => {
    expect(create(deployment({ replicas: 3 }))).toEqual([]);
  });

  it('requires the selector to match the template labels', () => {
    const d = deployment({ template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } });
    expect(create(d)).toEqual(['spec.template.metadata.labels: Invalid value: {"app":"x"}: `selector` does not match template `labels`']);
  });

  it('reports a missing selector and, as upstream, the mismatch it causes', () => {
    const d = deployment({});
    delete (d.spec as Partial<Deployment['spec']>).selector;
    expect(create(d)).toEqual([
      'spec.selector: Required value',
      'spec.template.metadata.labels: Invalid value: {"app":"webui"}: `selector` does not match template `labels`',
    ]);
  });

  it('refuses an empty selector', () => {
    expect(create(deployment({ selector: {} }))).toEqual(['spec.selector: Invalid value: {}: empty selector is invalid for deployment']);
  });

  it('checks replicas and the strategy', () => {
    expect(create(deployment({ replicas: -1 }))).toEqual(['spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
    expect(create(deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } }))).toEqual([
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    ]);
    expect(create(deployment({ strategy: { type: 'Canary' as 'Recreate' } }))).toEqual([
      'spec.strategy: Unsupported value: {"Type":"Canary","RollingUpdate":null}: supported values: "Recreate", "RollingUpdate"',
    ]);
    expect(create(deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '120%' } } }))).toEqual([
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "120%": must not be greater than 100%',
    ]);
  });

  it('requires restartPolicy Always in the template and validates it at template paths', () => {
    const d = deployment({ template: { metadata: { labels: { app: 'webui' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'nginx', image: '' }] } } });
    expect(create(d)).toEqual([
      'spec.template.spec.containers[0].image: Required value',
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });

  it('reports template label problems at spec.template.labels, as upstream does', () => {
    const d = deployment({ template: { metadata: { labels: { app: 'webui', 'tier/x/y': 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } });
    expect(create(d)).toHaveLength(1);
    expect(create(d)[0]).toMatch(/^spec\.template\.labels: Invalid value: "tier\/x\/y": a valid label key must consist of/);
  });
});

describe('Deployment update', () => {
  it('keeps the selector immutable and bumps the generation on spec changes', () => {
    const old = deployment({});
    old.metadata.resourceVersion = '3';
    const next = structuredClone(old);
    next.spec.replicas = 5;
    prepareForUpdate('Deployment', next, old);
    expect(validateObject('Deployment', next, old)).toEqual([]);
    expect(next.metadata.generation).toBe(2);

    const moved = structuredClone(old);
    moved.spec.selector = { matchLabels: { app: 'webui', tier: 'web' } };
    moved.spec.template.metadata!.labels = { app: 'webui', tier: 'web' };
    prepareForUpdate('Deployment', moved, old);
    expect(validateObject('Deployment', moved, old).map(errorString)).toEqual([
      'spec.selector: Invalid value: {"matchLabels":{"app":"webui","tier":"web"}}: field is immutable',
    ]);
  });
});

describe('ReplicaSet', () => {
  it('shares the template rules and says "deployment" for an empty selector, as upstream does', () => {
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default' },
      spec: { selector: {}, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    };
    applyDefaults('ReplicaSet', rs);
    prepareForCreate('ReplicaSet', rs);
    expect(rs.spec.replicas).toBe(1);
    expect(validateObject('ReplicaSet', rs).map(errorString)).toEqual(['spec.selector: Invalid value: {}: empty selector is invalid for deployment']);
  });
});
