import { describe, expect, it } from 'vitest';
import { bool, either, int, list, obj, oneOf, optional, str, variant, type Issue } from './validate';

function run<T>(v: (x: unknown, p: string, i: Issue[]) => T, value: unknown): { value: T; issues: Issue[] } {
  const issues: Issue[] = [];
  return { value: v(value, 'root', issues), issues };
}

describe('validators', () => {
  const person = obj({ name: str(), age: optional(int({ min: 0 }), () => 0), tags: optional(list(oneOf(['a', 'b'])), () => []) });

  it('returns the typed value with fallbacks for left-out fields', () => {
    expect(run(person, { name: 'x' })).toEqual({ value: { name: 'x', age: 0, tags: [] }, issues: [] });
  });

  it('reports every problem with its path, not just the first', () => {
    const r = run(person, { name: 3, age: -1, tags: ['a', 'c'], nmae: 'y' });
    expect(r.value).toBeUndefined();
    expect(r.issues).toEqual([
      { path: 'root.nmae', message: 'unknown field "nmae" (did you mean "name"?)' },
      { path: 'root.name', message: 'expected a string, got a number (3)' },
      { path: 'root.age', message: 'must be at least 0, got -1' },
      { path: 'root.tags[1]', message: 'expected one of a, b; got a string ("c")' },
    ]);
  });

  it('says a required field is missing, and lists known fields for a far-off name', () => {
    expect(run(person, { zzz: 1 }).issues).toEqual([
      { path: 'root.zzz', message: 'unknown field "zzz"; known fields: name, age, tags' },
      { path: 'root.name', message: 'is missing' },
    ]);
  });

  it('takes exactly one key for a variant', () => {
    const v = variant({ pods: int(), object: str() });
    expect(run(v, { pods: 3 }).value).toBe(3);
    expect(run(v, { pods: 3, object: 'x' }).issues[0]!.message).toBe('expected a map with exactly one of pods, object; got 2 keys');
    expect(run(v, { pod: 3 }).issues[0]).toEqual({ path: 'root.pod', message: 'unknown kind "pod" (did you mean "pods"?)' });
  });

  it('tries the second form of an either without leaking the first one\'s complaint', () => {
    const v = either(bool(), obj({ exists: bool() }), 'true/false or {exists}');
    expect(run(v, { exists: true })).toEqual({ value: { exists: true }, issues: [] });
    expect(run(v, 'no').issues).toHaveLength(1);
  });

  it('refuses empty strings and strings off the pattern', () => {
    expect(run(str(), ' ').issues[0]!.message).toBe('must not be empty');
    expect(run(str({ pattern: /^[a-z]+$/, what: 'a word' }), 'A1').issues[0]!.message).toBe('"A1" is not a word');
  });
});
