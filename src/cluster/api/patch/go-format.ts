// How Go's fmt prints decoded JSON values with %v, and reflect's names for their
// types: upstream's patch errors embed both (e.g. "map: map[value:b] does not
// contain declared merge key: name").
import { isPlainObject } from '../schema/props';

function formatFloat(n: number): string {
  // %v of a float64 is %g with the shortest representation: exponent at < 1e-4 or >= 1e21.
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const abs = Math.abs(n);
  if (abs < 1e-4 || abs >= 1e21) {
    const [mant, exp] = n.toExponential().split('e');
    const e = Number(exp);
    return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return String(n);
}

/** fmt.Sprintf("%v", v) for a value of map[string]interface{} / []interface{} / scalars. */
export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? String(v) : formatFloat(v);
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (isPlainObject(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goFormat(v[k])}`).join(' ')}]`;
  }
  return String(v);
}

/** reflect.TypeOf(v).String() for decoded JSON (integral numbers decode to int64 in Kubernetes). */
export function goTypeOf(v: unknown): string {
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** Go's dynamic-type identity for decoded JSON, as compared with reflect.TypeOf(a) != reflect.TypeOf(b). */
export function sameGoType(a: unknown, b: unknown): boolean {
  return goTypeOf(a) === goTypeOf(b);
}
