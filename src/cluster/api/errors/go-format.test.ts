import { describe, expect, it } from 'vitest';
import { goJson, goQuote, goStruct } from './go-format';

describe('goQuote (strconv.Quote)', () => {
  it('escapes quotes, backslashes and control characters the Go way', () => {
    expect(goQuote('a"b\\c\n\t')).toBe('"a\\"b\\\\c\\n\\t"');
    expect(goQuote('\x07\x01\x7f')).toBe('"\\a\\x01\\x7f"');
  });

  it('keeps printable Unicode (Korean names stay readable) and escapes the rest', () => {
    expect(goQuote('웹서버')).toBe('"웹서버"');
    expect(goQuote('a\u00a0b')).toBe('"a\\u00a0b"');
  });
});

describe('goJson (encoding/json.Marshal)', () => {
  it('sorts map keys and escapes HTML characters', () => {
    expect(goJson({ zone: 'b', app: '<x&y>' })).toBe('{"app":"\\u003cx\\u0026y\\u003e","zone":"b"}');
  });

  it('keeps struct field order and drops omitted fields', () => {
    expect(goJson(goStruct({ Type: 'Foo', RollingUpdate: null, Skipped: undefined }))).toBe('{"Type":"Foo","RollingUpdate":null}');
  });

  it('prints lists, numbers and null', () => {
    expect(goJson(['10.100.100.100'])).toBe('["10.100.100.100"]');
    expect(goJson([1, 2.5, true, null])).toBe('[1,2.5,true,null]');
    expect(goJson(undefined)).toBe('null');
  });
});
