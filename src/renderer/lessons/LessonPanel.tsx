// The guided lesson beside the lab: the sections in order, one at a time, in
// the app's language; progress from the engine (saved across restarts);
// steps checked against the live cluster, by hand or after the learner
// presses Enter in the step's terminal; "reset lab" behind a confirmation.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ClusterView, HostName, LessonReset, LessonStep } from '../../shared/api';
import { api } from '../api';
import { useI18n } from '../i18n/i18n';
import type { TerminalRegistry } from '../terminals/registry';
import { SectionView } from './SectionView';
import { pick } from './text';
import { useAutoCheck } from './useAutoCheck';
import { useLesson } from './useLesson';
import { useStepChecks } from './useStepChecks';

export interface LessonPanelProps {
  cluster: ClusterView | undefined;
  typeInto(host: HostName, text: string): Promise<void>;
  terminals: TerminalRegistry;
}

const NOTE_MS = 15_000;

type LabReset = { kind: 'confirm' } | { kind: 'busy' } | { kind: 'done'; report: LessonReset } | { kind: 'error'; message: string };

export function LessonPanel({ cluster, typeInto, terminals }: LessonPanelProps) {
  const { lang, t } = useI18n();
  const { lesson, status, error, reload } = useLesson();
  const { checks, check, forget } = useStepChecks();
  const [sectionId, setSectionId] = useState<string>();
  const [chosen, setChosen] = useState<string>();
  const [labReset, setLabReset] = useState<LabReset>();
  const top = useRef<HTMLDivElement>(null);

  // The report of a finished reset is news for a moment, not for the rest of the lesson.
  useEffect(() => {
    if (labReset?.kind !== 'done') return;
    const timer = window.setTimeout(() => setLabReset(undefined), NOTE_MS);
    return () => window.clearTimeout(timer);
  }, [labReset]);

  const steps = useMemo(() => lesson?.sections.flatMap((s) => s.steps) ?? [], [lesson]);
  const savedPassed = useCallback((id: string) => Boolean(status?.steps.find((s) => s.id === id)?.passed), [status]);
  const passed = useCallback((id: string) => checks[id]?.result?.passed ?? savedPassed(id), [checks, savedPassed]);

  // Open where the learner left off.
  useEffect(() => {
    if (!lesson || !status || sectionId) return;
    const at = steps.find((s) => s.id === (status.current ?? status.next));
    setSectionId(at?.section ?? lesson.sections[0]?.id);
  }, [lesson, status, sectionId, steps]);

  const index = lesson?.sections.findIndex((s) => s.id === sectionId) ?? -1;
  const section = lesson?.sections[index];
  const go = (i: number) => {
    const next = lesson?.sections[i];
    if (!next) return;
    setSectionId(next.id);
    top.current?.scrollIntoView({ block: 'start' });
  };

  // The step Enter in a terminal is about: the one whose button was pressed last, until it passes; else the section's first open step.
  const watchedStep: LessonStep | undefined = useMemo(() => {
    const explicit = steps.find((s) => s.id === chosen);
    if (explicit && !passed(explicit.id)) return explicit;
    return section?.steps.find((s) => !passed(s.id));
  }, [steps, chosen, passed, section]);
  useAutoCheck(terminals, watchedStep, check);

  // When the step being worked on passes, bring the next one into view (only if it is out of sight).
  const lastWatched = useRef<string>(undefined);
  useEffect(() => {
    const before = lastWatched.current;
    lastWatched.current = watchedStep?.id;
    if (!before || !watchedStep || before === watchedStep.id || !passed(before)) return;
    document.getElementById(`step-title-${watchedStep.id}`)?.closest('article')?.scrollIntoView({ block: 'nearest' });
  }, [watchedStep, passed]);

  const onType = useCallback(
    async (step: LessonStep, command: string) => {
      setChosen(step.id);
      await typeInto(step.host, command);
    },
    [typeInto],
  );
  const onCheck = useCallback(
    (step: LessonStep) => {
      setChosen(step.id);
      void check(step.id);
    },
    [check],
  );
  const onReset = useCallback(
    async (step: LessonStep) => {
      setChosen(step.id);
      const report = await api.lessonResetStep(step.id);
      forget(steps.slice(steps.findIndex((s) => s.id === step.id)).map((s) => s.id));
      return report;
    },
    [forget, steps],
  );
  const resetLab = async () => {
    setLabReset({ kind: 'busy' });
    try {
      const report = await api.lessonResetLab();
      forget(steps.map((s) => s.id));
      setChosen(undefined);
      setLabReset({ kind: 'done', report });
      go(0);
    } catch (err) {
      setLabReset({ kind: 'error', message: (err as Error).message });
    }
  };

  if (error) {
    return (
      <div className="lesson-panel" data-testid="lesson-panel" data-state="error">
        <p className="error">{t('lesson.loadFailed', { message: error })}</p>
        <button type="button" onClick={reload}>
          {t('lesson.retry')}
        </button>
      </div>
    );
  }
  if (!lesson || !status || !section) return <p className="muted" data-testid="lesson-panel" data-state="loading">{t('lesson.loading')}</p>;

  const firstStep = steps.findIndex((s) => s.section === section.id) + 1;
  const doneIn = (id: string) => {
    const own = lesson.sections.find((s) => s.id === id)?.steps ?? [];
    return `${own.filter((s) => savedPassed(s.id)).length}/${own.length}`;
  };
  return (
    <div className="lesson-panel" data-testid="lesson-panel" data-state="ready" ref={top}>
      <header className="lesson-head">
        <h1>{pick(lesson.title, lang)}</h1>
        <div className="lesson-progress" data-testid="lesson-progress" data-passed={status.passed} data-total={status.total}>
          <div className="progress-bar" aria-hidden>
            <div className="progress-fill" style={{ width: `${(100 * status.passed) / Math.max(1, status.total)}%` }} />
          </div>
          <span className="small">{t('lesson.progress', { passed: status.passed, total: status.total })}</span>
        </div>
        {status.passed === status.total && <p className="ok" role="status">{t('lesson.allDone')}</p>}
        <div className="lesson-reset-lab">
          {labReset?.kind === 'confirm' ? (
            <div className="row" role="alertdialog" aria-label={t('lesson.resetLab')}>
              <span>{t('lesson.resetLabConfirm')}</span>
              <button type="button" className="danger" onClick={() => void resetLab()} autoFocus data-testid="lesson-reset-lab-yes">
                {t('lesson.resetLabYes')}
              </button>
              <button type="button" onClick={() => setLabReset(undefined)}>
                {t('lesson.cancel')}
              </button>
            </div>
          ) : (
            <div className="row">
              <button type="button" onClick={() => setLabReset({ kind: 'confirm' })} disabled={labReset?.kind === 'busy'} data-testid="lesson-reset-lab">
                {labReset?.kind === 'busy' ? t('lesson.resetting') : t('lesson.resetLab')}
              </button>
              {labReset?.kind === 'done' && (
                <span className="small muted" role="status" data-testid="lesson-reset-lab-note">
                  {labReset.report.settled ? t('lesson.resetLabDone', { seconds: (labReset.report.ms / 1000).toFixed(1) }) : t('lesson.resetPending', { pending: labReset.report.pending.map((x) => pick(x, lang)).join('; ') })}
                </span>
              )}
              {labReset?.kind === 'error' && <span className="small error">{t('lesson.resetFailed', { message: labReset.message })}</span>}
            </div>
          )}
        </div>
        <nav className="lesson-nav row" aria-label={t('lesson.contents')}>
          <button type="button" onClick={() => go(index - 1)} disabled={index <= 0} data-testid="lesson-prev">
            ← {t('lesson.prev')}
          </button>
          <select value={section.id} onChange={(e) => go(lesson.sections.findIndex((s) => s.id === e.target.value))} aria-label={t('lesson.contents')} data-testid="lesson-section-select">
            {lesson.sections.map((s, i) => (
              <option key={s.id} value={s.id}>
                {`${i + 1}. ${pick(s.title, lang)}${s.steps.length ? ` (${doneIn(s.id)})` : ''}`}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => go(index + 1)} disabled={index >= lesson.sections.length - 1} data-testid="lesson-next">
            {t('lesson.next')} →
          </button>
        </nav>
      </header>
      <SectionView
        section={section}
        firstStep={firstStep}
        cluster={cluster}
        passedBefore={savedPassed}
        checks={checks}
        watched={watchedStep?.id}
        onType={onType}
        onCheck={onCheck}
        onReset={onReset}
      />
      <nav className="lesson-nav row bottom" aria-label={t('lesson.contents')}>
        <button type="button" onClick={() => go(index - 1)} disabled={index <= 0}>
          ← {t('lesson.prev')}
        </button>
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => go(index + 1)} disabled={index >= lesson.sections.length - 1} data-testid="lesson-next-bottom">
          {t('lesson.next')} →
        </button>
      </nav>
    </div>
  );
}
