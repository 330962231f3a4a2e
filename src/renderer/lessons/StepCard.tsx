// One lab step: where it runs, what it does, its command (filled in live) and
// the button that types it into that host's terminal, what to look for, and
// its check against the live cluster — passed, or not yet with the hint —
// with "reset this step" beside it.
import { useState } from 'react';
import type { ClusterView, LessonReset, LessonStep } from '../../shared/api';
import { api } from '../api';
import { useI18n } from '../i18n/i18n';
import { Markup } from './Markup';
import { pick } from './text';
import type { StepCheckState } from './useStepChecks';
import { useResolvedCommand } from './useResolvedCommand';

export interface StepCardProps {
  step: LessonStep;
  n: number;
  /** Saved progress: passed at some point. */
  passedBefore: boolean;
  check: StepCheckState | undefined;
  watched: boolean;
  cluster: ClusterView | undefined;
  onType(step: LessonStep, command: string): Promise<void>;
  onCheck(step: LessonStep): void;
  onReset(step: LessonStep): Promise<LessonReset>;
}

type Note = { kind: 'typed' } | { kind: 'error'; text: string } | { kind: 'reset'; report: LessonReset } | { kind: 'resetting' };

export function StepCard(p: StepCardProps) {
  const { lang, t } = useI18n();
  const { step } = p;
  const resolved = useResolvedCommand(step, p.cluster);
  const [note, setNote] = useState<Note>();
  const result = p.check?.result;
  const state = p.check?.busy ? 'checking' : result ? (result.passed ? 'passed' : 'not-yet') : p.passedBefore ? 'passed' : 'unchecked';
  const command = resolved.command ?? step.command;

  const type = async () => {
    setNote(undefined);
    try {
      const fresh = await api.lessonCommand(step.id);
      if (!fresh.command) {
        setNote({ kind: 'error', text: t('lesson.commandProblem', { problem: pick(fresh.problem, lang) }) });
        return;
      }
      await p.onType(step, fresh.command);
      setNote({ kind: 'typed' });
    } catch (err) {
      setNote({ kind: 'error', text: t('lesson.typeFailed', { host: step.host, message: (err as Error).message }) });
    }
  };
  const reset = async () => {
    setNote({ kind: 'resetting' });
    try {
      setNote({ kind: 'reset', report: await p.onReset(step) });
    } catch (err) {
      setNote({ kind: 'error', text: t('lesson.resetFailed', { message: (err as Error).message }) });
    }
  };

  return (
    <article className={`step${p.watched ? ' watched' : ''}`} data-testid={`lesson-step-${step.id}`} data-state={state} aria-labelledby={`step-title-${step.id}`}>
      <header className="step-head">
        <span className="step-n">{p.n}</span>
        <h3 id={`step-title-${step.id}`}>{pick(step.title, lang)}</h3>
        <span className="host-badge" title={t('lesson.typeHelp', { host: step.host })}>
          {step.host}
        </span>
      </header>
      <Markup text={pick(step.text, lang)} />
      <div className="step-command">
        <pre>
          <code data-testid={`lesson-command-${step.id}`}>{command}</code>
        </pre>
        <button type="button" className="primary" onClick={() => void type()} title={t('lesson.typeHelp', { host: step.host })} data-testid={`lesson-type-${step.id}`}>
          {t('lesson.type', { host: step.host })}
        </button>
      </div>
      {resolved.problem && <p className="small muted">{t('lesson.commandProblem', { problem: pick(resolved.problem, lang) })}</p>}
      {step.fails && <p className="small muted">{t('lesson.failsOnPurpose')}</p>}
      <div className="look-for">
        <strong>{t('lesson.lookFor')}:</strong> <Markup inline text={pick(step.lookFor, lang)} />
      </div>
      <div className="step-check" role="status" aria-live="polite" data-testid={`lesson-check-state-${step.id}`}>
        {state === 'passed' && <span className="badge ok">✓ {t('lesson.passed')}</span>}
        {state === 'not-yet' && <span className="badge pending">{t('lesson.notYet')}</span>}
        {state === 'checking' && <span className="badge">{t('lesson.checking')}</span>}
        {state === 'unchecked' && <span className="badge muted">{t('lesson.unchecked')}</span>}
        {state === 'not-yet' && result && (
          <span className="hint" data-testid={`lesson-hint-${step.id}`}>
            <Markup inline text={pick(result.hint, lang)} />
          </span>
        )}
      </div>
      <div className="row step-actions">
        <button type="button" onClick={() => p.onCheck(step)} disabled={p.check?.busy} data-testid={`lesson-check-${step.id}`}>
          {t('lesson.check')}
        </button>
        <button type="button" onClick={() => void reset()} disabled={note?.kind === 'resetting'} data-testid={`lesson-reset-step-${step.id}`}>
          {note?.kind === 'resetting' ? t('lesson.resetting') : t('lesson.resetStep')}
        </button>
        {note?.kind === 'typed' && <span className="small muted">{t('lesson.typed', { host: step.host })}</span>}
        {note?.kind === 'error' && <span className="small error">{note.text}</span>}
        {note?.kind === 'reset' && (
          <span className="small muted" data-testid={`lesson-reset-note-${step.id}`}>
            {note.report.settled
              ? t('lesson.resetDone', { seconds: (note.report.ms / 1000).toFixed(1) })
              : t('lesson.resetPending', { pending: note.report.pending.map((x) => pick(x, lang)).join('; ') })}
          </span>
        )}
      </div>
    </article>
  );
}
