import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/types';
import { decide, removeFinalizerPatch, removeOwnersPatch, type OwnerClass } from './decide';

const ref = (uid: string) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: uid, uid, controller: true, blockOwnerDeletion: true });
const item = (uids: string[], meta: Partial<KubeObject['metadata']> = {}): KubeObject => ({ metadata: { name: 'p', resourceVersion: '3', ownerReferences: uids.map(ref), ...meta } });
const owners = (o: Record<string, OwnerClass>) => new Map(Object.entries(o));

describe('decide', () => {
  it('keeps an object whose owners are all there', () => {
    expect(decide(item(['a']), owners({ a: 'solid' }), false)).toEqual({ action: 'none' });
    expect(decide(item([]), owners({}), false)).toEqual({ action: 'none' });
  });

  it('deletes an object whose owners are gone, in the background by default', () => {
    expect(decide(item(['a']), owners({ a: 'dangling' }), true)).toEqual({ action: 'delete', policy: 'Background' });
  });

  it('only cuts the dangling references while another owner remains', () => {
    expect(decide(item(['a', 'b', 'c']), owners({ a: 'solid', b: 'dangling', c: 'waiting' }), false)).toEqual({ action: 'removeOwners', uids: ['b', 'c'] });
  });

  it('deletes in the foreground under an owner waiting for its dependents, when it has dependents itself', () => {
    expect(decide(item(['a']), owners({ a: 'waiting' }), true)).toEqual({ action: 'delete', policy: 'Foreground' });
    expect(decide(item(['a']), owners({ a: 'waiting' }), false)).toEqual({ action: 'delete', policy: 'Background' });
  });

  it('honours finalizers already on the object, and leaves objects already being deleted', () => {
    expect(decide(item(['a'], { finalizers: ['orphan'] }), owners({ a: 'dangling' }), false)).toEqual({ action: 'delete', policy: 'Orphan' });
    expect(decide(item(['a'], { deletionTimestamp: 'x' }), owners({ a: 'dangling' }), false)).toEqual({ action: 'none' });
  });

  it('patches with the resourceVersion as a guard', () => {
    expect(removeOwnersPatch(item(['a', 'b']), ['a'])).toEqual({ metadata: { ownerReferences: [ref('b')], resourceVersion: '3' } });
    expect(removeFinalizerPatch(item([], { finalizers: ['foregroundDeletion'] }), 'foregroundDeletion')).toEqual({ metadata: { finalizers: null, resourceVersion: '3' } });
  });
});
