// First run, step 3: the lab — open it when it runs, else start it and show
// each host's progress while it comes up.
import { useEffect, useState } from 'react';
import { HOST_NAMES, type LabStatus, type TaskProgress } from '../../shared/api';
import { api } from '../api';
import { takeResume } from '../api/resume';
import { runTask } from '../api/tasks';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/i18n';
import { advance, initialPhases, type HostPhases } from './host-progress';
import { Progress } from './Progress';
import type { Step } from './step';

export function LabStep({ status, onReady, refresh }: { status: Step<LabStatus>; onReady(): void; refresh(): void }) {
  const { t } = useI18n();
  const [phases, setPhases] = useState<HostPhases>();
  const [last, setLast] = useState<TaskProgress>();
  const [error, setError] = useState<string>();
  const runningNow = status.state === 'done' && status.value.state === 'running' && status.value.hosts.every((h) => h.ready);
  // Back after `kubelab serve` restarted: the learner was in the workspace a moment ago.
  useEffect(() => {
    if (runningNow && takeResume()) onReady();
  }, [runningNow, onReady]);
  if (status.state === 'checking') return <p>{t('first.checking')}</p>;
  if (status.state === 'error') return <p className="error">{status.message}</p>;
  const s = status.value;
  const running = s.state === 'running' && s.hosts.every((h) => h.ready);

  const start = () => {
    setError(undefined);
    setPhases(initialPhases());
    runTask(api, () => api.startLab(), (e) => {
      setLast(e);
      setPhases((p) => advance(p ?? initialPhases(), e));
    }).then(
      (e) => {
        setPhases((p) => advance(p ?? initialPhases(), e));
        onReady();
      },
      (err: Error) => {
        setError(t('first.failed', { message: err.message }));
        refresh();
      },
    );
  };

  const hostLabel = (name: string) => {
    if (phases) return t(`first.host.${phases[name as keyof HostPhases]}` as MessageKey);
    const h = s.hosts.find((x) => x.name === name);
    if (!h) return '';
    return h.ready ? t('first.host.ready') : t(`first.host.${h.state === 'running' ? 'running' : h.state === 'missing' ? 'missing' : 'stopped'}` as MessageKey);
  };

  return (
    <div>
      <p>{running ? t('first.labRunning') : t('first.labState', { state: s.state })}</p>
      <ul className="hosts-progress">
        {HOST_NAMES.map((h) => (
          <li key={h} data-testid={`host-progress-${h}`} data-phase={phases?.[h] ?? (s.hosts.find((x) => x.name === h)?.ready ? 'ready' : 'waiting')}>
            <span className="host-name">{h}</span>
            <span className="host-ip">{s.hosts.find((x) => x.name === h)?.ip}</span>
            <span className="host-phase">{hostLabel(h)}</span>
          </li>
        ))}
      </ul>
      {phases && !error ? (
        <Progress e={last} />
      ) : (
        <button type="button" className="primary big" onClick={running ? onReady : start} data-testid="start-lab">
          {running ? t('first.open') : t('first.start')}
        </button>
      )}
      {error && <p className="error">{error}</p>}
    </div>
  );
}
