// A few typed validators for data read from YAML. Each takes a value and its
// path and returns the typed value, or undefined after recording what is wrong
// at that path, so one pass reports every problem of a file, not just the
// first. Pure.

export interface Issue {
  /** Where in the file, e.g. `steps[2].check[0].probe.url`; empty for the whole file. */
  path: string;
  message: string;
}

export type Validator<T> = ((value: unknown, path: string, issues: Issue[]) => T | undefined) & { optional?: true; fallback?: () => T };

type Out<V> = V extends Validator<infer T> ? T : never;

export const at = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  const shown = JSON.stringify(value);
  return `${typeof value === 'number' ? 'a number' : typeof value === 'boolean' ? 'true/false' : 'a string'} (${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown})`;
}

function fail(issues: Issue[], path: string, message: string): undefined {
  issues.push({ path, message });
  return undefined;
}

export function str(options: { pattern?: RegExp; what?: string; nonEmpty?: boolean } = {}): Validator<string> {
  return (v, path, issues) => {
    if (typeof v !== 'string') return fail(issues, path, `expected ${options.what ?? 'a string'}, got ${describe(v)}`);
    if ((options.nonEmpty ?? true) && v.trim() === '') return fail(issues, path, 'must not be empty');
    if (options.pattern && !options.pattern.test(v)) return fail(issues, path, `"${v}" is not ${options.what ?? `of the form ${options.pattern}`}`);
    return v;
  };
}

export function int(options: { min?: number; max?: number } = {}): Validator<number> {
  return (v, path, issues) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) return fail(issues, path, `expected a whole number, got ${describe(v)}`);
    if (options.min !== undefined && v < options.min) return fail(issues, path, `must be at least ${options.min}, got ${v}`);
    if (options.max !== undefined && v > options.max) return fail(issues, path, `must be at most ${options.max}, got ${v}`);
    return v;
  };
}

export function bool(): Validator<boolean> {
  return (v, path, issues) => (typeof v === 'boolean' ? v : fail(issues, path, `expected true or false, got ${describe(v)}`));
}

export function oneOf<const T extends string>(values: readonly T[]): Validator<T> {
  return (v, path, issues) =>
    typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : fail(issues, path, `expected one of ${values.join(', ')}; got ${describe(v)}`);
}

/** A string or number read as a string (YAML reads `30200` as a number, `10.96.0.1` as a string). */
export function scalarText(): Validator<string> {
  return (v, path, issues) => (typeof v === 'string' || typeof v === 'number' ? String(v) : fail(issues, path, `expected a string or number, got ${describe(v)}`));
}

export function list<T>(item: Validator<T>, options: { min?: number } = {}): Validator<T[]> {
  return (v, path, issues) => {
    if (!Array.isArray(v)) return fail(issues, path, `expected a list, got ${describe(v)}`);
    if (options.min !== undefined && v.length < options.min) return fail(issues, path, `needs at least ${options.min} ${options.min === 1 ? 'entry' : 'entries'}`);
    const before = issues.length;
    const out = v.map((x, i) => item(x, at(path, i), issues));
    return issues.length === before ? (out as T[]) : undefined;
  };
}

/** A field that may be left out; with a fallback, the fallback stands in. */
export function optional<T>(validator: Validator<T>): Validator<T | undefined>;
export function optional<T>(validator: Validator<T>, fallback: () => NoInfer<T>): Validator<T>;
export function optional<T>(validator: Validator<T>, fallback?: () => T): Validator<T | undefined> {
  const v: Validator<T | undefined> = (value, path, issues) => validator(value, path, issues);
  v.optional = true;
  if (fallback) v.fallback = fallback;
  return v;
}

/** Changes a valid value into another shape. */
export function to<A, B>(validator: Validator<A>, change: (a: A, path: string, issues: Issue[]) => B | undefined): Validator<B> {
  const v: Validator<B> = (value, path, issues) => {
    const before = issues.length;
    const a = validator(value, path, issues);
    return issues.length === before && a !== undefined ? change(a, path, issues) : undefined;
  };
  if (validator.optional) v.optional = true;
  return v;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length]!;
}

function unknownKey(key: string, known: string[]): string {
  const near = known.filter((k) => distance(k.toLowerCase(), key.toLowerCase()) <= 2);
  return `unknown field "${key}"${near.length ? ` (did you mean "${near[0]}"?)` : `; known fields: ${known.join(', ')}`}`;
}

/** A map with these fields and no others. */
export function obj<S extends Record<string, Validator<unknown>>>(shape: S): Validator<{ [K in keyof S]: Out<S[K]> }> {
  return (v, path, issues) => {
    if (!isMap(v)) return fail(issues, path, `expected a map with ${Object.keys(shape).join(', ')}; got ${describe(v)}`);
    const before = issues.length;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) if (!(key in shape)) issues.push({ path: at(path, key), message: unknownKey(key, Object.keys(shape)) });
    for (const [key, validator] of Object.entries(shape)) {
      if (v[key] === undefined || v[key] === null) {
        if (validator.optional) out[key] = validator.fallback?.();
        else issues.push({ path: at(path, key), message: 'is missing' });
        continue;
      }
      out[key] = validator(v[key], at(path, key), issues);
    }
    return issues.length === before ? (out as { [K in keyof S]: Out<S[K]> }) : undefined;
  };
}

/** A map of any keys to values of one kind. */
export function record<T>(value: Validator<T>): Validator<Record<string, T>> {
  return (v, path, issues) => {
    if (!isMap(v)) return fail(issues, path, `expected a map, got ${describe(v)}`);
    const before = issues.length;
    const out: Record<string, T> = {};
    for (const [key, x] of Object.entries(v)) out[key] = value(x, at(path, key), issues) as T;
    return issues.length === before ? out : undefined;
  };
}

/** A map with exactly one key, naming which variant it is: `- pods: {...}`. */
export function variant<S extends Record<string, Validator<unknown>>>(variants: S): Validator<Out<S[keyof S]>> {
  return (v, path, issues) => {
    const keys = isMap(v) ? Object.keys(v) : [];
    if (!isMap(v) || keys.length !== 1) return fail(issues, path, `expected a map with exactly one of ${Object.keys(variants).join(', ')}; got ${isMap(v) ? `${keys.length} keys` : describe(v)}`);
    const key = keys[0]!;
    const validator = variants[key];
    if (!validator) return fail(issues, at(path, key), unknownKey(key, Object.keys(variants)).replace('field', 'kind'));
    return validator(v[key], at(path, key), issues) as Out<S[keyof S]>;
  };
}

/** The first validator that accepts the value, without reporting the others' complaints. */
export function either<A, B>(first: Validator<A>, second: Validator<B>, what: string): Validator<A | B> {
  return (v, path, issues) => {
    const scratch: Issue[] = [];
    const a = first(v, path, scratch);
    if (scratch.length === 0) return a;
    const scratch2: Issue[] = [];
    const b = second(v, path, scratch2);
    if (scratch2.length === 0) return b;
    return fail(issues, path, `expected ${what}; ${scratch[0]!.message}`);
  };
}
