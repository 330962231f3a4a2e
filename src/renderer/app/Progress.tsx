// A long task's progress: a bar (or a moving one when the fraction is unknown),
// the latest message, and a cancel button where the task can be cancelled.
import type { TaskProgress } from '../../shared/api';
import { useI18n } from '../i18n/i18n';

export function Progress({ e, onCancel }: { e?: TaskProgress; onCancel?: () => void }) {
  const { t } = useI18n();
  const pct = e?.fraction !== undefined ? Math.round(e.fraction * 100) : undefined;
  return (
    <div className="progress" data-testid="task-progress">
      <div className="progress-bar" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
        <div className={pct === undefined ? 'progress-fill indeterminate' : 'progress-fill'} style={pct === undefined ? undefined : { width: `${pct}%` }} />
      </div>
      <div className="progress-text">
        {e?.step ? `[${e.step}] ` : ''}
        {e?.message ?? '…'}
      </div>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {t('first.cancel')}
        </button>
      )}
    </div>
  );
}
