import { describe, expect, it } from 'vitest';
import { namespaceConditions } from './conditions';

const NOW = new Date('2026-01-01T00:00:00Z');

describe('namespaceConditions', () => {
  it('says what remains, sorted, in upstream words', () => {
    const c = namespaceConditions({ remaining: new Map([['replicasets.apps', 1], ['pods', 2]]), finalizers: new Map([['foregroundDeletion', 1]]), errors: [] }, undefined, NOW);
    expect(c.map((x) => x.type)).toEqual(['NamespaceDeletionDiscoveryFailure', 'NamespaceDeletionGroupVersionParsingFailure', 'NamespaceDeletionContentFailure', 'NamespaceContentRemaining', 'NamespaceFinalizersRemaining']);
    expect(c[3]).toEqual({ type: 'NamespaceContentRemaining', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: pods has 2 resource instances, replicasets.apps has 1 resource instances' });
    expect(c[4]!.message).toBe('Some content in the namespace has finalizers remaining: foregroundDeletion in 1 resource instances');
  });

  it('keeps the transition time of a condition that did not change', () => {
    const first = namespaceConditions({ remaining: new Map(), finalizers: new Map(), errors: [] }, undefined, NOW);
    const later = namespaceConditions({ remaining: new Map([['pods', 1]]), finalizers: new Map(), errors: [] }, first, new Date('2026-01-01T00:01:00Z'));
    expect(later[0]!.lastTransitionTime).toBe('2026-01-01T00:00:00Z');
    expect(later[3]!.lastTransitionTime).toBe('2026-01-01T00:01:00Z');
  });
});
