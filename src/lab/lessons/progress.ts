// Which steps of which lessons a learner has passed: one JSON file in the
// app's settings folder, surviving restarts, written atomically (a crash
// mid-write keeps the old file). A damaged file is set aside, not trusted.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { defaultConfigDir } from '../bridge/settings-store';

export interface StepProgress {
  passedAt: string;
}

export interface LessonProgress {
  steps: Record<string, StepProgress>;
  /** The step the learner was last on (a check or a reset). */
  current?: string;
  updatedAt?: string;
}

interface ProgressFile {
  version: 1;
  lessons: Record<string, LessonProgress>;
}

export function defaultProgressFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.KUBELAB_PROGRESS_FILE || join(defaultConfigDir(env), 'lesson-progress.json');
}

/** Pure: what in a parsed file can be trusted; anything else is dropped. */
export function cleanProgress(raw: unknown): ProgressFile {
  const out: ProgressFile = { version: 1, lessons: {} };
  const lessons = (raw as ProgressFile | undefined)?.lessons;
  if (!lessons || typeof lessons !== 'object') return out;
  for (const [id, lp] of Object.entries(lessons)) {
    if (!lp || typeof lp !== 'object' || typeof lp.steps !== 'object' || lp.steps === null) continue;
    const steps: Record<string, StepProgress> = {};
    for (const [step, sp] of Object.entries(lp.steps)) if (sp && typeof sp.passedAt === 'string') steps[step] = { passedAt: sp.passedAt };
    out.lessons[id] = { steps, current: typeof lp.current === 'string' ? lp.current : undefined, updatedAt: typeof lp.updatedAt === 'string' ? lp.updatedAt : undefined };
  }
  return out;
}

export class ProgressStore {
  constructor(
    readonly file: string = defaultProgressFile(),
    private readonly now: () => Date = () => new Date(),
  ) {}

  private read(): ProgressFile {
    if (!existsSync(this.file)) return { version: 1, lessons: {} };
    try {
      return cleanProgress(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      renameSync(this.file, `${this.file}.damaged`);
      return { version: 1, lessons: {} };
    }
  }

  private write(data: ProgressFile): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const partial = `${this.file}.partial`;
    writeFileSync(partial, `${JSON.stringify(data, null, 2)}\n`);
    renameSync(partial, this.file);
  }

  private update(lesson: string, change: (lp: LessonProgress) => void): LessonProgress {
    const data = this.read();
    const lp = (data.lessons[lesson] ??= { steps: {} });
    change(lp);
    lp.updatedAt = this.now().toISOString();
    this.write(data);
    return lp;
  }

  get(lesson: string): LessonProgress {
    return this.read().lessons[lesson] ?? { steps: {} };
  }

  passed(lesson: string, step: string): LessonProgress {
    return this.update(lesson, (lp) => {
      lp.steps[step] ??= { passedAt: this.now().toISOString() };
      lp.current = step;
    });
  }

  /** After "reset this step": that step and every later one are to be done again. */
  resetFrom(lesson: string, step: string, order: readonly string[]): LessonProgress {
    const from = order.indexOf(step);
    return this.update(lesson, (lp) => {
      for (const s of order.slice(Math.max(0, from))) delete lp.steps[s];
      lp.current = step;
    });
  }

  clear(lesson: string): LessonProgress {
    return this.update(lesson, (lp) => {
      lp.steps = {};
      lp.current = undefined;
    });
  }
}
