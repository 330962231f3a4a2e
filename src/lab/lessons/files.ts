// Reading lessons from resources/lessons/: one folder per lesson. The parsing
// and every check of the content are in loader.ts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { appRoot, resourcesDir } from '../paths';
import { parseLesson } from './loader';
import type { Lesson } from './model';

export function manifestNames(dir = resourcesDir('manifests')): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
}

export function lessonIds(root = resourcesDir('lessons')): string[] {
  return existsSync(root) ? readdirSync(root).filter((d) => statSync(join(root, d)).isDirectory()).sort() : [];
}

export function loadLesson(id: string, root = resourcesDir('lessons')): Lesson {
  const dir = join(root, id);
  if (!existsSync(dir)) throw new Error(`no lesson "${id}" in ${root} (there are: ${lessonIds(root).join(', ') || 'none'})`);
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
  return parseLesson(relative(appRoot(), dir) || dir, files, manifestNames());
}
