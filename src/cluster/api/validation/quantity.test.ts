import { describe, expect, it } from 'vitest';
import { compareQuantity, parseQuantity, QUANTITY_FORMAT_ERROR, quantityString, roundUpQuantity, type Quantity } from './quantity';

// Canonical forms follow resource.Quantity.String() (quantity.go CanonicalizeBytes).
const canon = (s: string | number): string => {
  const q = parseQuantity(s);
  if (typeof q === 'string') throw new Error(q);
  return quantityString(q);
};

describe('Quantity', () => {
  it('prints the canonical form upstream stores', () => {
    expect(canon('0.5')).toBe('500m');
    expect(canon(0.5)).toBe('500m');
    expect(canon('1000m')).toBe('1');
    expect(canon('1000')).toBe('1k');
    expect(canon('1500')).toBe('1500');
    expect(canon('128Mi')).toBe('128Mi');
    expect(canon('1.5Gi')).toBe('1536Mi');
    expect(canon('1.5Ki')).toBe('1536');
    expect(canon('512')).toBe('512');
    expect(canon('1e3')).toBe('1e3');
    expect(canon('1e4')).toBe('10e3');
    expect(canon('1G')).toBe('1G');
    expect(canon('0')).toBe('0');
    expect(canon('-1')).toBe('-1');
  });

  it('rejects what the decoder rejects, with its message', () => {
    for (const bad of ['', 'abc', '1 Gi', '1Gb', '1.5.5']) expect(parseQuantity(bad)).toBe(QUANTITY_FORMAT_ERROR);
    expect(parseQuantity(' 5 ')).not.toBe(QUANTITY_FORMAT_ERROR); // the JSON decoder trims blanks
    expect(QUANTITY_FORMAT_ERROR).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });

  it('compares across formats', () => {
    const q = (s: string): Quantity => parseQuantity(s) as Quantity;
    expect(compareQuantity(q('1'), q('1000m'))).toBe(0);
    expect(compareQuantity(q('1Gi'), q('1G'))).toBe(1);
    expect(compareQuantity(q('100m'), q('0.2'))).toBe(-1);
  });

  it('rounds up to milli-units as pod defaulting does', () => {
    expect(quantityString(roundUpQuantity(parseQuantity('0.1m') as Quantity, -3))).toBe('1m');
    expect(quantityString(roundUpQuantity(parseQuantity('100u') as Quantity, -3))).toBe('1m');
  });
});
