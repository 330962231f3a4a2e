import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ko } from './ko';
import { resolveLanguage, translator } from './i18n';

describe('i18n', () => {
  it('follows the system language unless one was chosen', () => {
    expect(resolveLanguage('system', ['ko-KR', 'en-US'])).toBe('ko');
    expect(resolveLanguage('system', ['en-US', 'ko'])).toBe('en');
    expect(resolveLanguage('system', ['de-DE'])).toBe('en');
    expect(resolveLanguage('ko', ['en-US'])).toBe('ko');
  });

  it('fills in variables', () => {
    expect(translator('ko')('term.host-restarted', { title: 'node1' })).toBe('node1 이(가) 다시 시작되었습니다.');
    expect(translator('en')('traffic.total', { count: 3 })).toBe('3 connections');
  });

  it('has Korean for every key, with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(ko[key], key).toBeTruthy();
      expect(vars(ko[key]), key).toEqual(vars(en[key]));
    }
  });
});
