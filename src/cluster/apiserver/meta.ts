// Metadata the server owns, beyond what the kinds' strategies set: uid,
// creation time and the deletion fields no client may write.
import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../api/types';

export function timestamp(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z');
}

export function prepareMetaForCreate(object: KubeObject, now: Date): void {
  const meta = object.metadata;
  meta.uid = randomUUID();
  meta.creationTimestamp = timestamp(now);
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
}

export function prepareMetaForUpdate(object: KubeObject, old: KubeObject): void {
  const meta = object.metadata;
  meta.uid = old.metadata.uid;
  meta.creationTimestamp = old.metadata.creationTimestamp;
  if (old.metadata.deletionTimestamp) meta.deletionTimestamp = old.metadata.deletionTimestamp;
  else delete meta.deletionTimestamp;
  if (old.metadata.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
  else delete meta.deletionGracePeriodSeconds;
}
