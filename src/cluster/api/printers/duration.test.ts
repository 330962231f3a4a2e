// apimachinery pkg/util/duration/duration_test.go: TestHumanDuration, TestShortHumanDuration.

import { describe, expect, it } from 'vitest';
import { humanDuration, shortHumanDuration } from './duration';

const s = 1000;
const m = 60 * s;
const h = 60 * m;

describe('humanDuration', () => {
  it.each([
    [s, '1s'],
    [70 * s, '70s'],
    [119 * s, '119s'],
    [120 * s, '2m'],
    [190 * s, '3m10s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m + 30 * s, '10m'],
    [70 * m, '70m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h + 30 * m, '8h'],
    [47 * h, '47h'],
    [48 * h, '2d'],
    [49 * h, '2d1h'],
    [(8 * 24 + 2) * h, '8d'],
    [367 * 24 * h, '367d'],
    [(365 * 2 * 24 + 25) * h, '2y1d'],
    [365 * 3 * 24 * h, '3y'],
    [(365 * 8 * 24 + 2) * h, '8y'],
    [0, '0s'],
    // Up to two seconds of clock skew still reads as now.
    [-1900, '0s'],
    [-2 * s, '<invalid>'],
  ])('%d ms -> %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('shortHumanDuration', () => {
  it.each([
    [s, '1s'],
    [70 * s, '1m'],
    [190 * s, '3m'],
    [70 * m, '1h'],
    [47 * h, '1d'],
    [49 * h, '2d'],
    [(8 * 24 + 2) * h, '8d'],
    [367 * 24 * h, '1y'],
    [(365 * 2 * 24 + 25) * h, '2y'],
    [(365 * 8 * 24 + 2) * h, '8y'],
    [-1500, '0s'],
    [-3 * s, '<invalid>'],
  ])('%d ms -> %s', (ms, text) => {
    expect(shortHumanDuration(ms)).toBe(text);
  });
});
