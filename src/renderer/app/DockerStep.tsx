// First run, step 1: is Docker there? When not, what exactly to do, and Retry.
import type { DockerCheck } from '../../shared/api';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n';
import type { Step } from './step';

export function DockerStep({ check, retry }: { check: Step<DockerCheck>; retry(): void }) {
  const { t } = useI18n();
  if (check.state === 'checking') return <p>{t('first.checking')}</p>;
  if (check.state === 'error') return <p className="error">{check.message}</p>;
  const c = check.value;
  if (c.state === 'ok') return <p className="ok">{t('first.dockerOk', { version: c.version ?? '' })}</p>;
  return (
    <div data-testid="docker-problem">
      <p className="error">{t(`first.docker.${c.state}` as MessageKey)}</p>
      <p className="muted">{t('first.details', { message: c.message })}</p>
      <p>{t('first.fixes')}</p>
      <pre className="fixes">{c.fixes.join('\n')}</pre>
      <button type="button" onClick={retry} data-testid="docker-retry">
        {t('first.retry')}
      </button>
    </div>
  );
}
