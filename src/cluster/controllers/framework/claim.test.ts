import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types';
import { adoptPatch, claimDecision, releasePatch } from './claim';

const owner: KubeObject = { metadata: { name: 'rs', uid: 'o1' } };
const ref = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'o1', controller: true, blockOwnerDeletion: true };
const pod = (refs: KubeObject['metadata']['ownerReferences'], extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({ metadata: { name: 'p', resourceVersion: '9', ownerReferences: refs, ...extra } });

describe('claimDecision', () => {
  it('keeps its own matching objects and releases its own that stopped matching', () => {
    expect(claimDecision(owner, pod([ref]), true)).toBe('keep');
    expect(claimDecision(owner, pod([ref]), false)).toBe('release');
  });

  it('never touches what another controller owns', () => {
    expect(claimDecision(owner, pod([{ ...ref, uid: 'other' }]), true)).toBe('ignore');
  });

  it('adopts matching orphans unless either side is being deleted', () => {
    expect(claimDecision(owner, pod(undefined), true)).toBe('adopt');
    expect(claimDecision(owner, pod(undefined), false)).toBe('ignore');
    expect(claimDecision(owner, pod(undefined, { deletionTimestamp: 'x' }), true)).toBe('ignore');
    expect(claimDecision({ metadata: { ...owner.metadata, deletionTimestamp: 'x' } }, pod(undefined), true)).toBe('ignore');
    expect(claimDecision({ metadata: { ...owner.metadata, deletionTimestamp: 'x' } }, pod([ref]), false)).toBe('ignore');
  });

  it('builds patches guarded by the resourceVersion', () => {
    expect(adoptPatch(pod(undefined), ref)).toEqual({ metadata: { ownerReferences: [ref], resourceVersion: '9' } });
    expect(releasePatch(pod([ref]), 'o1')).toEqual({ metadata: { ownerReferences: null, resourceVersion: '9' } });
  });
});
