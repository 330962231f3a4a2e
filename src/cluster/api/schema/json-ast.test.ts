import { describe, expect, it } from 'vitest';
import { duplicateFields, fromJsonNode, JsonSyntaxError, parseJsonText } from './json-ast';

const syntax = (text: string) => {
  try {
    parseJsonText(text);
  } catch (e) {
    expect(e).toBeInstanceOf(JsonSyntaxError);
    return (e as Error).message;
  }
  throw new Error('expected a syntax error');
};

describe('JSON syntax tree', () => {
  it('keeps number literals and repeated keys', () => {
    const n = parseJsonText('{"a":1.0,"a":[2e3,-0],"__proto__":{"x":true}}');
    expect(n).toMatchObject({ t: 'object', entries: [{ key: 'a', value: { t: 'number', raw: '1.0', v: 1 } }, { key: 'a' }, { key: '__proto__' }] });
    const v = fromJsonNode(n) as Record<string, unknown>;
    expect(v.a).toEqual([2000, -0]);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['a', '__proto__']);
  });

  it("words syntax errors as Go's encoding/json", () => {
    expect(syntax('')).toBe('unexpected end of JSON input');
    expect(syntax('{"a" 1}')).toBe("invalid character '1' after object key");
    expect(syntax('{"a":1 "b":2}')).toBe('invalid character \'"\' after object key:value pair');
    expect(syntax('[1 2]')).toBe("invalid character '2' after array element");
    expect(syntax('{a:1}')).toBe("invalid character 'a' looking for beginning of object key string");
    expect(syntax('nul')).toBe('unexpected end of JSON input');
    expect(syntax('{} x')).toBe("invalid character 'x' after top-level value");
    expect(syntax("'x'")).toBe("invalid character '\\'' looking for beginning of value");
  });

  it('finds repeated keys with their paths', () => {
    expect(duplicateFields(parseJsonText('{"spec":{"ports":[{"port":1,"port":2}]},"spec":{}}'))).toEqual([
      'duplicate field "spec.ports[0].port"',
      'duplicate field "spec"',
    ]);
  });
});
