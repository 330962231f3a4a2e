// What "reset this step" must make true: the cluster as the lesson leaves it
// just before the step — every manifest applied by an earlier step and not
// deleted since, no object of any other lesson manifest, and pod pages as the
// earlier steps left them. Pure.
import type { KubeObject } from '../../cluster/api/types';
import { objectKey, type Manifest } from './manifests';
import type { Lesson } from './model';

export interface PagePlan {
  selector: string;
  path: string;
  /** true: each pod serves its own name; false: the image's own page. */
  named: boolean;
}

export interface ResetPlan {
  step: string;
  /** Objects that must exist, as their manifests say. */
  keep: KubeObject[];
  /** Lesson objects that must not exist (a later step creates them). */
  remove: KubeObject[];
  pages: PagePlan[];
}

export class UnknownStepError extends Error {}

export function stepIndex(lesson: Lesson, stepId: string): number {
  const i = lesson.steps.findIndex((s) => s.id === stepId);
  if (i < 0) {
    const near = lesson.steps.filter((s) => s.id.includes(stepId) || stepId.includes(s.id.split('-')[0]!)).map((s) => s.id);
    throw new UnknownStepError(`no step "${stepId}" in lesson ${lesson.id}${near.length ? ` (did you mean ${near.slice(0, 3).join(', ')}?)` : '; `kubelab lesson list` shows them'}`);
  }
  return i;
}

export function planReset(lesson: Lesson, stepId: string, manifests: ReadonlyMap<string, Manifest>): ResetPlan {
  const before = lesson.steps.slice(0, stepIndex(lesson, stepId));
  const applied = new Set<string>();
  const named = new Map<string, PagePlan>();
  // Every page a step of the lesson touches, so that pages named by a later step are put back.
  for (const s of lesson.steps) {
    if (s.effect.podNameFile) named.set(`${s.effect.podNameFile.selector} ${s.effect.podNameFile.path}`, { ...s.effect.podNameFile, named: false });
  }
  for (const s of before) {
    for (const f of s.effect.apply) applied.add(f);
    for (const f of s.effect.delete) applied.delete(f);
    const p = s.effect.podNameFile;
    if (p) named.set(`${p.selector} ${p.path}`, { ...p, named: true });
  }
  const used = new Set(lesson.steps.flatMap((s) => [...s.effect.apply, ...s.effect.delete]));
  const keep = [...applied].flatMap((f) => manifests.get(f)?.objects ?? []);
  const keepKeys = new Set(keep.map(objectKey));
  const remove = [...used].flatMap((f) => manifests.get(f)?.objects ?? []).filter((o) => !keepKeys.has(objectKey(o)));
  return { step: stepId, keep, remove, pages: [...named.values()] };
}
