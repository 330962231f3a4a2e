import { describe, expect, it } from 'vitest';
import { applyMergePatch, MergePatchError } from './json-merge-patch';

const merge = (doc: unknown, patch: unknown) => applyMergePatch(structuredClone(doc), structuredClone(patch));

describe('JSON merge patch (RFC 7386)', () => {
  // RFC 7386 appendix A.
  const examples: Array<[unknown, unknown, unknown]> = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  it.each(examples)('%j + %j', (doc, patch, want) => {
    expect(merge(doc, patch)).toEqual(want);
  });

  it('an array patch replaces the document, without its nulls', () => {
    expect(merge({ a: 1 }, [1, null, 2])).toEqual([1, 2]);
  });

  it('prunes nulls inside values that replace non-objects (evanphx)', () => {
    expect(merge({ a: 1 }, { a: { b: null, c: 1 } })).toEqual({ a: { c: 1 } });
    expect(merge({ a: [1] }, { a: [null, 2] })).toEqual({ a: [2] });
  });

  it('a scalar or null patch is invalid', () => {
    expect(() => merge({}, 'x')).toThrow(new MergePatchError('Invalid JSON Patch'));
    expect(() => merge({}, null)).toThrow('Invalid JSON Patch');
  });
});
