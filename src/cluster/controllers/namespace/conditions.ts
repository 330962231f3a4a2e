// The conditions a terminating namespace reports while the namespace
// controller empties it (deletion/namespaced_resources_deleter.go).
import { rfc3339 } from '../framework/objects';

export interface NamespaceCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface DeletionProgress {
  /** "pods", "replicasets.apps" -> objects still there. */
  remaining: Map<string, number>;
  /** finalizer -> objects still carrying it. */
  finalizers: Map<string, number>;
  /** Failures deleting content, if any. */
  errors: string[];
}

export function namespaceConditions(p: DeletionProgress, previous: NamespaceCondition[] | undefined, now: Date): NamespaceCondition[] {
  const list = (m: Map<string, number>, f: (k: string, n: number) => string) => [...m.entries()].map(([k, n]) => f(k, n)).sort().join(', ');
  const wanted: NamespaceCondition[] = [
    { type: 'NamespaceDeletionDiscoveryFailure', status: 'False', reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
    { type: 'NamespaceDeletionGroupVersionParsingFailure', status: 'False', reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
    p.errors.length
      ? { type: 'NamespaceDeletionContentFailure', status: 'True', reason: 'ContentDeletionFailed', message: `Failed to delete all resource types, ${p.errors.length} remaining: ${p.errors.join(', ')}` }
      : { type: 'NamespaceDeletionContentFailure', status: 'False', reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
    p.remaining.size
      ? { type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${list(p.remaining, (k, n) => `${k} has ${n} resource instances`)}` }
      : { type: 'NamespaceContentRemaining', status: 'False', reason: 'ContentRemoved', message: 'All content successfully removed' },
    p.finalizers.size
      ? { type: 'NamespaceFinalizersRemaining', status: 'True', reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${list(p.finalizers, (k, n) => `${k} in ${n} resource instances`)}` }
      : { type: 'NamespaceFinalizersRemaining', status: 'False', reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
  ];
  const t = rfc3339(now);
  return wanted.map((c) => {
    const old = previous?.find((x) => x.type === c.type);
    const same = old && old.status === c.status && old.reason === c.reason && old.message === c.message;
    return { type: c.type, status: c.status, lastTransitionTime: same ? old.lastTransitionTime : t, reason: c.reason, message: c.message };
  });
}
