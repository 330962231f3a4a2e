// Settings as React state, saved through the engine a moment after each change
// (so dragging the divider writes once, not a hundred times).
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Settings } from '../../shared/api';
import { api } from '../api';

const SAVE_DELAY_MS = 300;

interface SettingsState {
  settings: Settings;
  update(change: Partial<Settings> | ((s: Settings) => Partial<Settings>)): void;
}

const SettingsContext = createContext<SettingsState | undefined>(undefined);

export function SettingsProvider({ initial, children }: { initial: Settings; children: ReactNode }) {
  const [settings, setSettings] = useState(initial);
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef(settings);
  latest.current = settings;

  const update = useCallback<SettingsState['update']>((change) => {
    setSettings((s) => ({ ...s, ...(typeof change === 'function' ? change(s) : change) }));
  }, []);

  useEffect(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void api.saveSettings(latest.current).catch(() => {}), SAVE_DELAY_MS);
  }, [settings]);

  useEffect(() => {
    const flush = () => void api.saveSettings(latest.current).catch(() => {});
    window.addEventListener('beforeunload', flush);
    return () => window.removeEventListener('beforeunload', flush);
  }, []);

  return <SettingsContext.Provider value={{ settings, update }}>{children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsState {
  const s = useContext(SettingsContext);
  if (!s) throw new Error('useSettings outside SettingsProvider');
  return s;
}
