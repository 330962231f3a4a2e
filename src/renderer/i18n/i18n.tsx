// The UI's language: Korean or English, following the system (navigator.language)
// unless the learner chose one.
import { createContext, useContext } from 'react';
import type { Language } from '../../shared/api';
import { en, type MessageKey } from './en';
import { ko } from './ko';

export type Lang = 'ko' | 'en';

export function resolveLanguage(choice: Language, systemLanguages: readonly string[]): Lang {
  if (choice !== 'system') return choice;
  return systemLanguages.some((l) => l.toLowerCase().startsWith('ko')) && !systemLanguages[0]?.toLowerCase().startsWith('en') ? 'ko' : 'en';
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const table: Record<MessageKey, string> = lang === 'ko' ? ko : en;
  return (key, vars) => {
    const text = table[key] ?? en[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}

export const I18nContext = createContext<{ lang: Lang; t: Translate }>({ lang: 'en', t: translator('en') });

export const useI18n = () => useContext(I18nContext);
