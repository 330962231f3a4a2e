// From a lesson folder's files (names and text) to a validated Lesson, or one
// error listing every problem as "file: path: what is wrong". Pure: reading
// the folder is files.ts's job.
import yaml from 'js-yaml';
import type { Lesson, Section, Step } from './model';
import { lessonHead, section as sectionSchema, type Issue } from './schema';

export interface LessonFile {
  name: string;
  text: string;
}

export interface LessonIssue extends Issue {
  file: string;
}

export class LessonLoadError extends Error {
  constructor(
    readonly lesson: string,
    readonly issues: LessonIssue[],
  ) {
    super(`lesson ${lesson} has ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n${issues.map(formatIssue).join('\n')}`);
  }
}

export function formatIssue(i: LessonIssue): string {
  return `  ${i.file}: ${i.path ? `${i.path}: ` : ''}${i.message}`;
}

export const HEAD_FILE = 'lesson.yaml';

function parseYaml(file: LessonFile, issues: LessonIssue[]): unknown {
  try {
    return yaml.load(file.text, { filename: file.name, schema: yaml.CORE_SCHEMA });
  } catch (err) {
    const e = err as yaml.YAMLException;
    issues.push({ file: file.name, path: '', message: `not valid YAML: ${e.reason ?? e.message}${e.mark ? ` (line ${e.mark.line + 1}, column ${e.mark.column + 1})` : ''}` });
    return undefined;
  }
}

function withFile(file: string, raw: Issue[]): LessonIssue[] {
  return raw.map((i) => ({ file, ...i }));
}

/**
 * Parses and checks a lesson. `dir` names the folder in messages (e.g.
 * "resources/lessons/services"); `manifests` are the file names a step's
 * effect may refer to.
 */
export function parseLesson(dir: string, files: LessonFile[], manifests: readonly string[]): Lesson {
  const issues: LessonIssue[] = [];
  const path = (name: string) => `${dir}/${name}`;
  const headFile = files.find((f) => f.name === HEAD_FILE);
  if (!headFile) issues.push({ file: path(HEAD_FILE), path: '', message: 'is missing: every lesson folder needs one (id, title, summary)' });

  let head: ReturnType<typeof lessonHead>;
  if (headFile) {
    const raw: Issue[] = [];
    const doc = parseYaml({ ...headFile, name: path(headFile.name) }, issues);
    if (doc !== undefined) head = lessonHead(doc, '', raw);
    issues.push(...withFile(path(HEAD_FILE), raw));
  }

  const sectionFiles = files.filter((f) => f.name !== HEAD_FILE && /\.ya?ml$/.test(f.name)).sort((a, b) => a.name.localeCompare(b.name));
  if (headFile && sectionFiles.length === 0) issues.push({ file: path(HEAD_FILE), path: '', message: 'the lesson has no sections: add one YAML file per section beside it' });

  const sections: Section[] = [];
  for (const file of sectionFiles) {
    const doc = parseYaml({ ...file, name: path(file.name) }, issues);
    if (doc === undefined) continue;
    const raw: Issue[] = [];
    const s = sectionSchema(doc, '', raw);
    issues.push(...withFile(path(file.name), raw));
    if (!s) continue;
    const steps: Step[] = s.steps.map((st) => ({ ...st, section: s.id }));
    sections.push({ id: s.id, file: file.name, kind: s.kind, title: s.title, body: s.body, diagram: s.diagram, steps, quiz: s.quiz });
  }

  issues.push(...crossChecks(sections, manifests, path));
  if (issues.length) throw new LessonLoadError(dir, issues);
  return { id: head!.id, title: head!.title, summary: head!.summary, sections, steps: sections.flatMap((s) => s.steps) };
}

/** What no single file can see: ids unique across the lesson, manifests that exist, sections that hold something. */
function crossChecks(sections: Section[], manifests: readonly string[], path: (name: string) => string): LessonIssue[] {
  const issues: LessonIssue[] = [];
  const sectionIds = new Map<string, string>();
  const stepIds = new Map<string, string>();
  for (const s of sections) {
    const file = path(s.file);
    const other = sectionIds.get(s.id);
    if (other) issues.push({ file, path: 'id', message: `section id "${s.id}" is used by ${other} too` });
    sectionIds.set(s.id, s.file);
    if (s.kind === 'lab' && s.steps.length === 0) issues.push({ file, path: 'steps', message: 'a lab section needs at least one step' });
    if (s.kind === 'summary' && s.quiz.length === 0) issues.push({ file, path: 'quiz', message: 'a summary section needs its quiz' });
    const quizIds = new Set<string>();
    s.quiz.forEach((q, i) => {
      if (quizIds.has(q.id)) issues.push({ file, path: `quiz[${i}].id`, message: `quiz id "${q.id}" appears twice` });
      quizIds.add(q.id);
    });
    s.steps.forEach((st, i) => {
      const seen = stepIds.get(st.id);
      if (seen) issues.push({ file, path: `steps[${i}].id`, message: `step id "${st.id}" is used in ${seen} too` });
      stepIds.set(st.id, s.file);
      for (const kind of ['apply', 'delete'] as const) {
        st.effect[kind].forEach((m, j) => {
          if (!manifests.includes(m)) issues.push({ file, path: `steps[${i}].effect.${kind}[${j}]`, message: `no manifest "${m}" in resources/manifests (there are: ${manifests.join(', ')})` });
        });
      }
    });
  }
  return issues;
}
