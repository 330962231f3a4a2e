// Cases follow apimachinery pkg/labels/selector_test.go (TestSelectorParse,
// TestToString, TestRequirementSelectorMatching, TestLexer); error texts are
// derived from pkg/labels/selector.go and util/validation.

import { describe, expect, it } from 'vitest';
import { BadRequestError } from './errors';
import { compileLabelSelector, LabelSelectorParseError, parseLabelSelector } from './label-parser';

const qualifiedNameHelp =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const labelValueHelp =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('parseLabelSelector: good strings round-trip', () => {
  // TestSelectorParse testGoodStrings: the string form drops spaces.
  it.each([
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
    ['', ''],
    ['x!=a,y=b', 'x!=a,y=b'],
    ['x=', 'x='],
    ['x= ', 'x='],
    ['x=,z= ', 'x=,z='],
    ['x= ,z= ', 'x=,z='],
    ['!x', '!x'],
    ['x>1', 'x>1'],
    ['x>1,z<5', 'x>1,z<5'],
    ['app==webui', 'app==webui'],
    ['app in (b, a)', 'app in (a,b)'],
    ['app notin (a,a)', 'app notin (a)'],
    ['env', 'env'],
    ['tier,!canary', '!canary,tier'],
    ['z=1,a=2', 'a=2,z=1'],
    ['x in (,a)', 'x in (,a)'],
    ['x in ()', 'x in ()'],
    ['in in (in,notin)', 'in in (in,notin)'],
  ])('%j -> %j', (input, printed) => {
    expect(parseLabelSelector(input).toString()).toBe(printed);
  });
});

describe('parseLabelSelector: errors as upstream words them', () => {
  it.each([
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    [',a', "found ',', expected: !, identifier, or 'end of string'"],
    ['a,', "found '', expected: identifier after ','"],
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['app in (a,b', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['app in a', "unable to parse requirement: found 'a' expected: '('"],
    ['app in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['app=(', "unable to parse requirement: found '(', expected: identifier"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['x<a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['Ab_', `unable to parse requirement: <nil>: Invalid value: "Ab_": name part ${qualifiedNameHelp}`],
    ['x=a||y', `unable to parse requirement: values[0][x]: Invalid value: "a||y": ${labelValueHelp}`],
    [
      'a/b/c=1',
      `unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name ${qualifiedNameHelp} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ],
    [
      '/x',
      `unable to parse requirement: <nil>: Invalid value: "/x": prefix part must be non-empty`,
    ],
  ])('%j', (input, message) => {
    expect(() => parseLabelSelector(input)).toThrow(new LabelSelectorParseError(message));
  });

  it('reports an empty name part twice, as IsQualifiedName does', () => {
    expect(() => parseLabelSelector('example.com/')).toThrow(
      `unable to parse requirement: <nil>: Invalid value: "example.com/": name part must be non-empty; name part ${qualifiedNameHelp}`,
    );
  });

  it('rejects an over-long value with both messages', () => {
    const long = 'a'.repeat(64);
    expect(() => parseLabelSelector(`k=${long}`)).toThrow(
      `unable to parse requirement: values[0][k]: Invalid value: "${long}": must be no more than 63 characters`,
    );
  });

  it('compileLabelSelector turns a parse failure into a 400', () => {
    try {
      compileLabelSelector('a b');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(BadRequestError);
      expect((err as BadRequestError).status).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt",
        reason: 'BadRequest',
        code: 400,
      });
    }
  });
});

describe('Selector.matches', () => {
  // TestSelectorMatches / TestSetMatches
  const cases: [string, Record<string, string>, boolean][] = [
    ['', { x: 'y' }, true],
    ['x=y', { x: 'y' }, true],
    ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
    ['notin=in', { notin: 'in' }, true],
    ['x', { x: 'z' }, true],
    ['!x', { y: 'z' }, true],
    ['x>1', { x: '2' }, true],
    ['x<1', { x: '0' }, true],
    ['x=y', { x: 'z' }, false],
    ['x=y,z=w', { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
    ['x', { y: 'z' }, false],
    ['!x', { x: 'z' }, false],
    ['x>1', { x: '0' }, false],
    ['x>1', { x: 'a' }, false],
    ['x<1', { y: '0' }, false],
    ['x!=y', {}, true],
    ['x notin (a)', {}, true],
    ['x in (a,b)', { x: 'b' }, true],
    ['x in (a,b)', {}, false],
    ['x=', { x: '' }, true],
    ['x=', {}, false],
  ];
  it.each(cases)('%j on %j -> %s', (selector, labels, want) => {
    expect(parseLabelSelector(selector).matches(labels)).toBe(want);
  });

  it('knows exact-match requirements', () => {
    const s = parseLabelSelector('app=webui,tier in (web),env!=prod');
    expect(s.requiresExactMatch('app')).toBe('webui');
    expect(s.requiresExactMatch('tier')).toBe('web');
    expect(s.requiresExactMatch('env')).toBeUndefined();
    expect(s.empty()).toBe(false);
    expect(parseLabelSelector('').empty()).toBe(true);
  });
});
