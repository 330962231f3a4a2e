import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration';

describe('parseDuration', () => {
  it('reads Go durations', () => {
    expect(parseDuration('40s')).toBe(40_000);
    expect(parseDuration('5m0s')).toBe(300_000);
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('0')).toBe(0);
  });

  it('refuses what Go refuses', () => {
    expect(() => parseDuration('40')).toThrow('invalid duration "40"');
    expect(() => parseDuration('5x')).toThrow();
  });
});
