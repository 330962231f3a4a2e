// The guided lesson as one object: its steps, each step's live command and
// check, resets, and the learner's progress. The CLI uses it today; the
// lesson panel (through the bridge) will use the same.
import type { LabAccess } from './checks/access';
import { checkStep, type CheckAnswer } from './checks/run';
import { LiveView } from './checks/view';
import type { LabControl } from './control';
import type { Manifest } from './manifests';
import type { Lesson, Section, Step, Text } from './model';
import type { ProgressStore } from './progress';
import { resetLab, resetStep, type ResetReport } from './reset';
import { stepIndex } from './reset-plan';

export interface StepListing {
  id: string;
  section: string;
  host: string;
  command: string;
  title: Text;
  text: Text;
  lookFor: Text;
  hint: Text;
}

// The progress is what the contract carries to the panel, so it has one definition.
export type { LessonStatus, LessonStepStatus as StepStatus } from '../../shared/api';
import type { LessonStatus } from '../../shared/api';

export class LessonEngine {
  constructor(
    readonly lesson: Lesson,
    private readonly lab: LabControl,
    private readonly manifests: ReadonlyMap<string, Manifest>,
    private readonly progress: ProgressStore,
  ) {}

  step(id: string): Step {
    return this.lesson.steps[stepIndex(this.lesson, id)]!;
  }

  section(id: string): Section | undefined {
    return this.lesson.sections.find((s) => s.id === id);
  }

  list(): StepListing[] {
    return this.lesson.steps.map((s) => ({ id: s.id, section: s.section, host: s.host, command: s.command, title: s.title, text: s.text, lookFor: s.lookFor, hint: s.hint }));
  }

  status(): LessonStatus {
    const lp = this.progress.get(this.lesson.id);
    const steps = this.lesson.steps.map((s) => ({ id: s.id, section: s.section, passed: Boolean(lp.steps[s.id]), passedAt: lp.steps[s.id]?.passedAt }));
    return { lesson: this.lesson.id, next: steps.find((s) => !s.passed)?.id, current: lp.current, passed: steps.filter((s) => s.passed).length, total: steps.length, steps };
  }

  /** The command as the step's button types it: placeholders filled from the live cluster. */
  command(id: string, lab: LabAccess = this.lab): Promise<string> {
    return new LiveView(lab).resolve(this.step(id).command);
  }

  async check(id: string, options: { deadlineMs?: number } = {}): Promise<CheckAnswer> {
    const answer = await checkStep(this.step(id), this.lab, options);
    if (answer.passed) this.progress.passed(this.lesson.id, id);
    return answer;
  }

  async resetStep(id: string, deadlineMs?: number): Promise<ResetReport> {
    const report = await resetStep(this.lesson, id, this.lab, this.manifests, deadlineMs);
    this.progress.resetFrom(this.lesson.id, id, this.lesson.steps.map((s) => s.id));
    return report;
  }

  async resetLab(deadlineMs?: number): Promise<ResetReport> {
    const report = await resetLab(this.lab, this.manifests, deadlineMs);
    this.progress.clear(this.lesson.id);
    return report;
  }
}
