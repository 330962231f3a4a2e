// The guided lesson behind the app: one per engine, shared by every window,
// so a pass in one window shows in the others (lessonProgress). Opened on
// first use: a lesson file with a mistake fails the lesson's requests with
// the loader's message, not the app.
import type { LessonCheck, LessonCommand, LessonDiagramFacts, LessonReset, LessonStatus, LessonView } from '../../../shared/api';
import type { LabAccess } from '../../lessons/checks/access';
import type { LessonEngine } from '../../lessons/engine';
import type { ResetReport } from '../../lessons/reset';
import { LessonError } from '../../lessons/say';
import { diagramFacts } from './diagram-facts';
import { lessonView } from './view';

type Listener = (s: LessonStatus) => void;

const resetView = (r: ResetReport): LessonReset => ({ target: r.target, ms: r.ms, settled: r.settled, pending: r.pending });

/** What tells two statuses apart for the panel: which steps passed, and where the learner is. */
const statusKey = (s: LessonStatus) => `${s.current ?? ''}|${s.steps.filter((x) => x.passed).map((x) => x.id).join(',')}`;

export class LessonHub {
  private opened: { engine: LessonEngine; lab: LabAccess } | undefined;
  private readonly listeners = new Set<Listener>();
  private lastKey: string | undefined;

  constructor(private readonly open: () => { engine: LessonEngine; lab: LabAccess }) {}

  private get engine(): LessonEngine {
    this.opened ??= this.open();
    return this.opened.engine;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private announce(): void {
    const status = this.engine.status();
    const key = statusKey(status);
    if (key === this.lastKey) return;
    this.lastKey = key;
    for (const l of [...this.listeners]) l(status);
  }

  list(): LessonView {
    return lessonView(this.engine.lesson);
  }

  status(): LessonStatus {
    const status = this.engine.status();
    this.lastKey = statusKey(status);
    return status;
  }

  async command(stepId: string): Promise<LessonCommand> {
    const step = this.engine.step(stepId);
    try {
      return { id: step.id, host: step.host, command: await this.engine.command(stepId) };
    } catch (err) {
      if (err instanceof LessonError) return { id: step.id, host: step.host, problem: err.text };
      throw err;
    }
  }

  async check(stepId: string): Promise<LessonCheck> {
    const a = await this.engine.check(stepId);
    if (a.passed) this.announce();
    return { id: a.id, passed: a.passed, hint: a.hint, ms: a.ms };
  }

  async resetStep(stepId: string): Promise<LessonReset> {
    const r = await this.engine.resetStep(stepId);
    this.announce();
    return resetView(r);
  }

  async resetLab(): Promise<LessonReset> {
    const r = await this.engine.resetLab();
    this.announce();
    return resetView(r);
  }

  async diagram(sectionId: string): Promise<LessonDiagramFacts> {
    const section = this.engine.section(sectionId);
    if (!section) throw new Error(`no section "${sectionId}" in lesson ${this.engine.lesson.id}`);
    return diagramFacts(section.id, section.diagram, this.opened!.lab);
  }
}
