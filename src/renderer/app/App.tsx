// The app's frame: settings loaded, language and theme applied, then the
// first-run checks until the lab is up, then the workspace.
import { useEffect, useMemo, useState } from 'react';
import type { Settings } from '../../shared/api';
import { api } from '../api';
import { I18nContext, resolveLanguage, translator } from '../i18n/i18n';
import { SettingsProvider, useSettings } from '../state/settings';
import { FirstRun } from './FirstRun';
import { Workspace } from './Workspace';

function useSystemDark(): boolean {
  const query = useMemo(() => window.matchMedia('(prefers-color-scheme: dark)'), []);
  const [dark, setDark] = useState(query.matches);
  useEffect(() => {
    const on = () => setDark(query.matches);
    query.addEventListener('change', on);
    return () => query.removeEventListener('change', on);
  }, [query]);
  return dark;
}

function Shell() {
  const { settings } = useSettings();
  const systemDark = useSystemDark();
  const lang = resolveLanguage(settings.language, navigator.languages ?? [navigator.language]);
  const dark = settings.theme === 'dark' || (settings.theme === 'system' && systemDark);
  const i18n = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  const [phase, setPhase] = useState<'first-run' | 'workspace'>('first-run');
  const [lost, setLost] = useState<string>();

  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  }, [lang, dark]);
  useEffect(() => api.onDisconnect(setLost), []);

  return (
    <I18nContext.Provider value={i18n}>
      {lost && (
        <div className="banner banner-error" role="alert" data-testid="disconnected">
          {i18n.t('app.disconnected', { reason: lost })}
        </div>
      )}
      {phase === 'first-run' ? <FirstRun onReady={() => setPhase('workspace')} /> : <Workspace dark={dark} onStopped={() => setPhase('first-run')} />}
    </I18nContext.Provider>
  );
}

export function App() {
  const [initial, setInitial] = useState<Settings>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api.loadSettings().then(setInitial, (e: Error) => setError(e.message));
  }, []);
  if (error) return <div className="banner banner-error">{error}</div>;
  if (!initial) return <div className="loading">…</div>;
  return (
    <SettingsProvider initial={initial}>
      <Shell />
    </SettingsProvider>
  );
}
