// Building lesson-engine messages in both languages at once. Pure.
import type { Lang, Text } from './model';

export const say = (ko: string, en: string): Text => ({ ko, en });

/** Texts joined by a space, language by language; empty ones left out. */
export function joinText(...parts: (Text | undefined)[]): Text {
  const pick = (lang: Lang) => parts.map((p) => p?.[lang].trim() ?? '').filter(Boolean).join(' ');
  return { ko: pick('ko'), en: pick('en') };
}

/** An error whose message the learner reads, in either language. */
export class LessonError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
  }
}
