import { describe, expect, it } from 'vitest';
import { formatMicroTime, formatTime, parseGoTime, RFC3339, RFC3339_MICRO } from './go-time';
import { canonicalQuantity, quantityError, QUANTITY_FORMAT_ERROR, QUANTITY_SUFFIX_ERROR } from './quantity';

describe('RFC 3339 times as Go parses them', () => {
  it('parses offsets and fractions and writes UTC', () => {
    const t = parseGoTime(RFC3339, '2024-03-01T01:02:03.5+02:00');
    expect(formatTime(t.ms)).toBe('2024-02-29T23:02:03Z');
    const m = parseGoTime(RFC3339_MICRO, '2024-03-01T01:02:03.123456Z');
    expect(formatMicroTime(m.ms, m.nanos)).toBe('2024-03-01T01:02:03.123456Z');
  });

  it("gives Go's errors", () => {
    expect(() => parseGoTime(RFC3339, '2024-03-01')).toThrow('parsing time "2024-03-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"');
    expect(() => parseGoTime(RFC3339, '2024-13-01T00:00:00Z')).toThrow('parsing time "2024-13-01T00:00:00Z": month out of range');
    expect(() => parseGoTime(RFC3339, '2023-02-29T00:00:00Z')).toThrow('day out of range');
    expect(() => parseGoTime(RFC3339, '2024-01-01T00:00:00Zjunk')).toThrow('extra text: "junk"');
    expect(() => parseGoTime(RFC3339_MICRO, '2024-01-01T00:00:00Z')).toThrow('cannot parse "Z" as ".000000"');
  });
});

describe('quantities', () => {
  it.each(['1', '0', '500m', '1.5Gi', '128974848', '129e6', '1E', '+.5', '-1k', '12Mi'])('%s is a quantity', (q) => {
    expect(quantityError(q)).toBeUndefined();
  });
  it.each([['', QUANTITY_FORMAT_ERROR], ['abc', QUANTITY_FORMAT_ERROR], ['1 Gi', QUANTITY_FORMAT_ERROR], ['1GB', QUANTITY_FORMAT_ERROR], ['1kk', QUANTITY_SUFFIX_ERROR], ['1e', QUANTITY_SUFFIX_ERROR], ['1iK', QUANTITY_SUFFIX_ERROR]])(
    '%j is not',
    (q, err) => {
      expect(quantityError(q)).toBe(err);
    },
  );
});

describe('canonical quantities (what kube-apiserver writes back)', () => {
  it.each([
    ['0.5', '500m'], ['1.5', '1500m'], ['1000m', '1'], ['100m', '100m'], ['1', '1'], ['0', '0'], ['0.0', '0'], ['+2', '2'],
    ['1Gi', '1Gi'], ['1.5Gi', '1536Mi'], ['1024Mi', '1Gi'], ['512', '512'], ['0.5Gi', '512Mi'], ['0.5Ki', '512'],
    ['128974848', '128974848'], ['129e6', '129e6'], ['1e3', '1e3'], ['1.5e3', '1500'], ['12e1', '120'],
    ['1k', '1k'], ['10k', '10k'], ['1000k', '1M'], ['0.1m', '100u'], ['0.0000000001', '1n'], ['-1.5', '-1500m'], ['2.5Ki', '2560'],
  ])('%s → %s', (q, want) => {
    expect(quantityError(q)).toBeUndefined();
    expect(canonicalQuantity(q)).toBe(want);
  });
});
