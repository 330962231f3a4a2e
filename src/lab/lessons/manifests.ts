// The lesson's manifests (resources/manifests): their text, which reset writes
// back into master's /root, and their objects, which reset creates or removes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import type { KubeObject } from '../../cluster/api/types';
import { resourcesDir } from '../paths';
import { manifestNames } from './files';

export interface Manifest {
  file: string;
  text: string;
  objects: KubeObject[];
}

/** Pure: the objects of one manifest file (a multi-document YAML). */
export function parseManifest(file: string, text: string): Manifest {
  const objects: KubeObject[] = [];
  for (const doc of yaml.loadAll(text, undefined, { filename: file })) {
    if (doc === null || doc === undefined) continue;
    const o = doc as KubeObject;
    if (typeof o !== 'object' || !o.kind || !o.metadata?.name) throw new Error(`${file}: every document needs kind and metadata.name`);
    objects.push({ ...o, metadata: { ...o.metadata, namespace: o.metadata.namespace ?? 'default' } });
  }
  return { file, text, objects };
}

export function loadManifests(dir = resourcesDir('manifests')): Map<string, Manifest> {
  return new Map(manifestNames(dir).map((f) => [f, parseManifest(f, readFileSync(join(dir, f), 'utf8'))]));
}

export const objectKey = (o: KubeObject) => `${o.kind}/${o.metadata.namespace ?? 'default'}/${o.metadata.name}`;
