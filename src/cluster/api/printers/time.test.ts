// metav1.Time / MicroTime parsing and translateTimestampSince (printers.go).

import { describe, expect, it } from 'vitest';
import { parseTime, translateTimestampSince } from './time';

describe('parseTime', () => {
  it('reads RFC 3339 with and without fractions and offsets', () => {
    expect(parseTime('2024-06-25T14:48:12Z')).toBe(Date.UTC(2024, 5, 25, 14, 48, 12));
    expect(parseTime('2024-06-25T14:48:12.123456Z')).toBe(Date.UTC(2024, 5, 25, 14, 48, 12, 123));
    expect(parseTime('2024-06-25T23:48:12+09:00')).toBe(Date.UTC(2024, 5, 25, 14, 48, 12));
    expect(parseTime('2024-06-25T09:48:12.5-05:00')).toBe(Date.UTC(2024, 5, 25, 14, 48, 12, 500));
  });

  it('treats missing, null, Go zero time and garbage as zero', () => {
    expect(parseTime(undefined)).toBeUndefined();
    expect(parseTime(null)).toBeUndefined();
    expect(parseTime('')).toBeUndefined();
    expect(parseTime('0001-01-01T00:00:00Z')).toBeUndefined();
    expect(parseTime('yesterday')).toBeUndefined();
  });
});

describe('translateTimestampSince', () => {
  const now = new Date('2024-06-25T15:22:45Z');
  it('prints the age, or <unknown> for a zero time', () => {
    expect(translateTimestampSince('2024-06-25T14:48:12Z', now)).toBe('34m');
    expect(translateTimestampSince(undefined, now)).toBe('<unknown>');
  });
});
