// The summary's quiz: choose, check, and read why.
import { useState } from 'react';
import type { LessonQuizItem } from '../../shared/api';
import { useI18n } from '../i18n/i18n';
import { Markup } from './Markup';
import { pick } from './text';

function Question({ item, n, onAnswered }: { item: LessonQuizItem; n: number; onAnswered(right: boolean | undefined): void }) {
  const { lang, t } = useI18n();
  const [choice, setChoice] = useState<number>();
  const [checked, setChecked] = useState(false);
  const right = checked && choice === item.answer;
  return (
    <fieldset className="quiz-item" data-testid={`lesson-quiz-${item.id}`} data-result={checked ? (right ? 'right' : 'wrong') : 'open'}>
      <legend>
        {n}. <Markup inline text={pick(item.question, lang)} />
      </legend>
      {item.choices.map((c, i) => (
        <label key={i} className={checked && i === item.answer ? 'answer' : undefined}>
          <input
            type="radio"
            name={`quiz-${item.id}`}
            value={i}
            checked={choice === i}
            onChange={() => {
              setChoice(i);
              setChecked(false);
              onAnswered(undefined);
            }}
            data-testid={`lesson-quiz-${item.id}-choice-${i}`}
          />{' '}
          <Markup inline text={pick(c, lang)} />
        </label>
      ))}
      <div className="row">
        <button
          type="button"
          disabled={choice === undefined}
          onClick={() => {
            setChecked(true);
            onAnswered(choice === item.answer);
          }}
          data-testid={`lesson-quiz-${item.id}-check`}
        >
          {t('lesson.answer')}
        </button>
        {checked && (
          <span role="status" className={right ? 'ok' : 'error'}>
            {right ? t('lesson.correct') : t('lesson.wrong')}
          </span>
        )}
      </div>
      {checked && (
        <p className="explain">
          <Markup inline text={pick(item.explain, lang)} />
        </p>
      )}
    </fieldset>
  );
}

export function Quiz({ items }: { items: LessonQuizItem[] }) {
  const { t } = useI18n();
  const [answers, setAnswers] = useState<Record<string, boolean | undefined>>({});
  const right = Object.values(answers).filter(Boolean).length;
  const answered = Object.values(answers).filter((a) => a !== undefined).length;
  return (
    <section className="quiz" aria-labelledby="quiz-title">
      <h3 id="quiz-title">{t('lesson.quiz')}</h3>
      {items.map((item, i) => (
        <Question key={item.id} item={item} n={i + 1} onAnswered={(r) => setAnswers((a) => ({ ...a, [item.id]: r }))} />
      ))}
      {answered > 0 && (
        <p role="status" data-testid="lesson-quiz-score">
          {t('lesson.quizScore', { right, total: items.length })}
        </p>
      )}
    </section>
  );
}
