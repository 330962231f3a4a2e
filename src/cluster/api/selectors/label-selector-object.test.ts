// metav1.LabelSelectorAsSelector / FormatLabelSelector (apimachinery
// pkg/apis/meta/v1/helpers.go and helpers_test.go TestLabelSelectorAsSelector),
// plus labels.Requirement String() (selector_test.go TestToString).

import { describe, expect, it } from 'vitest';
import { newRequirement, RequirementError } from './label-requirement';
import { formatLabelSelector, labelSelectorAsSelector, matchesLabelSelector } from './label-selector-object';
import { Selector } from './label-selector';

describe('labelSelectorAsSelector', () => {
  it('turns matchLabels and matchExpressions into requirements sorted by key', () => {
    const s = labelSelectorAsSelector({
      matchLabels: { tier: 'web', app: 'webui' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'dev'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'zone', operator: 'NotIn', values: ['b'] },
        { key: 'owner', operator: 'Exists' },
      ],
    });
    expect(s.toString()).toBe('app=webui,!canary,env in (dev,prod),owner,tier=web,zone notin (b)');
    expect(s.matches({ app: 'webui', tier: 'web', env: 'dev', owner: 'me' })).toBe(true);
    expect(s.matches({ app: 'webui', tier: 'web', env: 'dev', owner: 'me', canary: 'y' })).toBe(false);
    expect(s.matches({ app: 'webui', tier: 'web', env: 'qa', owner: 'me' })).toBe(false);
    expect(s.matches({ app: 'webui', tier: 'web', env: 'dev', owner: 'me', zone: 'b' })).toBe(false);
  });

  it('selects everything for an empty selector and nothing for a missing one', () => {
    expect(labelSelectorAsSelector({}).matches({ a: 'b' })).toBe(true);
    expect(labelSelectorAsSelector({ matchLabels: {}, matchExpressions: [] }).empty()).toBe(true);
    expect(labelSelectorAsSelector(undefined).matches({})).toBe(false);
    expect(labelSelectorAsSelector(null).matchesNothing()).toBe(true);
    expect(labelSelectorAsSelector(undefined).toString()).toBe('');
  });

  it('refuses an unknown operator with upstream text', () => {
    expect(() =>
      labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Foo' as 'In' }] }),
    ).toThrow(new RequirementError('"Foo" is not a valid label selector operator'));
  });

  it('refuses In without values, printing the nil slice as Go does', () => {
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'In' }] })).toThrow(
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    );
  });

  it('refuses Exists with values', () => {
    expect(() =>
      labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }),
    ).toThrow('values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist');
  });

  it('aggregates several problems in brackets', () => {
    expect(() => newRequirement('a_', '=', ['x', 'y'])).toThrow(
      '[key: Invalid value: "a_": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character ' +
        "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'), " +
        'values: Invalid value: []string{"x", "y"}: exact-match compatibility requires one single value]',
    );
  });
});

describe('formatLabelSelector (the wide SELECTOR column of replicasets)', () => {
  it.each([
    [{ matchLabels: { app: 'webui' } }, 'app=webui'],
    [{ matchLabels: { app: 'webui', 'pod-template-hash': '7d9f' } }, 'app=webui,pod-template-hash=7d9f'],
    [{}, '<none>'],
    [undefined, '<none>'],
    [{ matchExpressions: [{ key: 'a', operator: 'Bogus' as 'In' }] }, '<error>'],
  ])('%j -> %s', (ls, text) => {
    expect(formatLabelSelector(ls)).toBe(text);
  });
});

describe('matchesLabelSelector', () => {
  it('is false for an invalid selector instead of throwing', () => {
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In' }] }, { a: 'b' })).toBe(false);
    expect(matchesLabelSelector({ matchLabels: { app: 'webui' } }, { app: 'webui', x: 'y' })).toBe(true);
  });
});

describe('requirement strings (TestToString)', () => {
  it.each([
    [[newRequirement('x', 'in', ['def', 'abc']), newRequirement('y', 'notin', ['jkl']), newRequirement('z', 'exists', [])], 'x in (abc,def),y notin (jkl),z'],
    [[newRequirement('x', 'notin', ['abc', 'def']), newRequirement('y', '!=', ['jkl']), newRequirement('z', '!', [])], 'x notin (abc,def),y!=jkl,!z'],
    [[newRequirement('x', 'gt', ['2']), newRequirement('y', 'lt', ['8']), newRequirement('z', 'exists', [])], 'x>2,y<8,z'],
  ])('%#', (reqs, text) => {
    expect(Selector.of(reqs).toString()).toBe(text);
  });
});
