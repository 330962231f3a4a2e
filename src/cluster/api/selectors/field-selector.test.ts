// apimachinery pkg/fields/selector_test.go: TestSelectorParse, TestSelectorMatches,
// TestEscapeValue / TestUnescapeValue.

import { describe, expect, it } from 'vitest';
import { escapeFieldValue, FieldSelectorParseError, parseFieldSelector, unescapeFieldValue } from './field-selector';

describe('parseFieldSelector', () => {
  it.each([
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
    ['', ''],
    ['x!=a,y=b', 'x!=a,y=b'],
    ['x=a\\=b', 'x=a\\=b'],
    ['x=a\\,b', 'x=a\\,b'],
    ['x=a\\\\b', 'x=a\\\\b'],
    ['metadata.name==webui', 'metadata.name=webui'],
    ['z=1,a=2', 'a=2,z=1'],
    ['x=', 'x='],
  ])('%j prints as %j', (input, printed) => {
    expect(parseFieldSelector(input).toString()).toBe(printed);
  });

  it.each([
    ['x=a||y=b', 'invalid field selector: unescaped character in value: 61'],
    ['x==a==b', 'invalid field selector: unescaped character in value: 61'],
    ['x=a,b', "invalid selector: 'x=a,b'; can't understand 'b'"],
    ['x in (a)', "invalid selector: 'x in (a)'; can't understand 'x in (a)'"],
    ['x', "invalid selector: 'x'; can't understand 'x'"],
    ['x=a\\b', 'invalid field selector: invalid escape sequence: \\b'],
    ['x=a\\', 'invalid field selector: invalid escape sequence: \\'],
  ])('%j is refused', (input, message) => {
    expect(() => parseFieldSelector(input)).toThrow(new FieldSelectorParseError(message));
  });
});

describe('FieldSelector.matches', () => {
  const cases: [string, Record<string, string>, boolean][] = [
    ['', { x: 'y' }, true],
    ['x=y', { x: 'y' }, true],
    ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
    ['notin=in', { notin: 'in' }, true],
    ['x=y', { x: 'z' }, false],
    ['x=y,z=w', { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
    // A missing field reads as "".
    ['x=', {}, true],
    ['x!=', {}, false],
  ];
  it.each(cases)('%j on %j -> %s', (selector, set, want) => {
    expect(parseFieldSelector(selector).matches(set)).toBe(want);
  });

  it('unescapes values before matching', () => {
    const set = { foo: 'bar', baz: 'blah', complex: '=value\\,\\' };
    expect(parseFieldSelector('foo=bar,baz=blah,complex=\\=value\\\\\\,\\\\').matches(set)).toBe(true);
    expect(parseFieldSelector('foo=bar,foobar=bar,baz=blah').matches(set)).toBe(false);
  });

  it('knows exact-match terms', () => {
    const s = parseFieldSelector('spec.nodeName=node1,status.phase!=Running');
    expect(s.requiresExactMatch('spec.nodeName')).toBe('node1');
    expect(s.requiresExactMatch('status.phase')).toBeUndefined();
  });
});

describe('escaping', () => {
  it('round-trips', () => {
    for (const v of ['plain', 'a=b', 'a,b', 'a\\b', '=\\,']) {
      expect(unescapeFieldValue(escapeFieldValue(v))).toBe(v);
    }
    expect(escapeFieldValue('a=b,c\\d')).toBe('a\\=b\\,c\\\\d');
  });
});
