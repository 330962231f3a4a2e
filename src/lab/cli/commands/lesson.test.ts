import { describe, expect, it } from 'vitest';
import { UsageError } from '../command';
import { languageOf } from './lesson';

describe('kubelab lesson --lang', () => {
  it('follows the flag, then KUBELAB_LANG, then the locale', () => {
    expect(languageOf('ko', { LANG: 'en_US.UTF-8' })).toBe('ko');
    expect(languageOf(undefined, { KUBELAB_LANG: 'ko', LANG: 'en_US.UTF-8' })).toBe('ko');
    expect(languageOf(undefined, { LANG: 'ko_KR.UTF-8' })).toBe('ko');
    expect(languageOf(undefined, { LC_ALL: 'C', LANG: 'ko_KR.UTF-8' })).toBe('en');
    expect(languageOf(undefined, {})).toBe('en');
  });

  it('refuses other languages', () => {
    expect(() => languageOf('jp', {})).toThrow(UsageError);
  });
});
