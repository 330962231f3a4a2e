// The top bar: the lab's name, the lesson toggle, language, theme, and Stop.
import { useState } from 'react';
import type { Language, Theme } from '../../shared/api';
import { api } from '../api';
import { runTask } from '../api/tasks';
import { useI18n } from '../i18n/i18n';
import { useSettings } from '../state/settings';

export function TopBar({ onStopped }: { onStopped(): void }) {
  const { t } = useI18n();
  const { settings, update } = useSettings();
  const [stopping, setStopping] = useState(false);
  const stop = () => {
    setStopping(true);
    runTask(api, () => api.stopLab(), () => {}).finally(() => {
      setStopping(false);
      onStopped();
    });
  };
  return (
    <header className="topbar">
      <strong className="brand">{t('app.title')}</strong>
      <span className="muted">{t('app.subtitle')}</span>
      <span className="spacer" />
      <button type="button" className={settings.lessonOpen ? 'selected' : ''} onClick={() => update({ lessonOpen: !settings.lessonOpen })} data-testid="toggle-lesson">
        {t('top.lesson')}
      </button>
      <label>
        {t('top.language')}{' '}
        <select value={settings.language} onChange={(e) => update({ language: e.target.value as Language })} data-testid="language-select">
          <option value="system">{t('top.lang.system')}</option>
          <option value="ko">한국어</option>
          <option value="en">English</option>
        </select>
      </label>
      <label>
        {t('top.theme')}{' '}
        <select value={settings.theme} onChange={(e) => update({ theme: e.target.value as Theme })} data-testid="theme-select">
          <option value="system">{t('top.theme.system')}</option>
          <option value="light">{t('top.theme.light')}</option>
          <option value="dark">{t('top.theme.dark')}</option>
        </select>
      </label>
      <button type="button" onClick={stop} disabled={stopping}>
        {t('top.stop')}
      </button>
    </header>
  );
}
