// The lesson as the contract carries it to the panel (src/shared/api.ts): the
// engine's model without what only the engine needs (checks, effects). Pure.
import type { LessonSection, LessonStep, LessonView } from '../../../shared/api';
import type { Lesson, Section, Step } from '../../lessons/model';

export function stepView(s: Step): LessonStep {
  return { id: s.id, section: s.section, host: s.host, command: s.command, title: s.title, text: s.text, lookFor: s.lookFor, hint: s.hint, fails: s.expect.fails };
}

function sectionView(s: Section): LessonSection {
  return {
    id: s.id,
    kind: s.kind,
    title: s.title,
    body: s.body,
    diagram: s.diagram && { kind: s.diagram.kind, caption: s.diagram.caption, empty: s.diagram.empty, shows: s.diagram.shows.map((o) => ({ ...o })) },
    steps: s.steps.map(stepView),
    quiz: s.quiz.map((q) => ({ ...q, choices: [...q.choices] })),
  };
}

export function lessonView(l: Lesson): LessonView {
  return { id: l.id, title: l.title, summary: l.summary, sections: l.sections.map(sectionView) };
}
