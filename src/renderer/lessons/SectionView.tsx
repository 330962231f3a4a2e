// One section of the lesson: its text, its live diagram, its steps and (in
// the summary) the quiz.
import type { ClusterView, LessonReset, LessonSection, LessonStep } from '../../shared/api';
import { useI18n } from '../i18n/i18n';
import { Diagram } from './diagrams/Diagram';
import { Markup } from './Markup';
import { Quiz } from './Quiz';
import { StepCard } from './StepCard';
import { pick } from './text';
import type { StepCheckState } from './useStepChecks';

export interface SectionViewProps {
  section: LessonSection;
  /** The number of the section's first step in the whole lesson. */
  firstStep: number;
  cluster: ClusterView | undefined;
  passedBefore(stepId: string): boolean;
  checks: Record<string, StepCheckState>;
  watched: string | undefined;
  onType(step: LessonStep, command: string): Promise<void>;
  onCheck(step: LessonStep): void;
  onReset(step: LessonStep): Promise<LessonReset>;
}

export function SectionView(p: SectionViewProps) {
  const { lang, t } = useI18n();
  const s = p.section;
  return (
    <section className="lesson-section" data-testid={`lesson-section-${s.id}`} aria-labelledby={`section-title-${s.id}`}>
      <p className="section-kind small muted">{t(`lesson.kind.${s.kind}`)}</p>
      <h2 id={`section-title-${s.id}`}>{pick(s.title, lang)}</h2>
      <Markup text={pick(s.body, lang)} />
      {s.diagram && <Diagram section={s.id} diagram={s.diagram} cluster={p.cluster} />}
      {s.steps.map((step, i) => (
        <StepCard
          key={step.id}
          step={step}
          n={p.firstStep + i}
          passedBefore={p.passedBefore(step.id)}
          check={p.checks[step.id]}
          watched={p.watched === step.id}
          cluster={p.cluster}
          onType={p.onType}
          onCheck={p.onCheck}
          onReset={p.onReset}
        />
      ))}
      {s.quiz.length > 0 && <Quiz items={s.quiz} />}
    </section>
  );
}
