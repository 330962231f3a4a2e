// One term of a label selector (apimachinery labels.Requirement): how it is
// validated, matched and printed.

import { aggregate, invalidValue, notSupported } from './field-errors';
import { compareGoStrings } from './go-format';
import { isQualifiedName, isValidLabelValue } from './label-validation';

/** selection.Operator values, spelled as upstream spells them. */
export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

const binaryOperators: LabelOperator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const unaryOperators: LabelOperator[] = ['exists', '!'];

export interface Requirement {
  readonly key: string;
  readonly operator: LabelOperator;
  /** As given; sorted only when printed, as upstream does. */
  readonly values: readonly string[];
}

export class RequirementError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequirementError';
  }
}

export function validateLabelKey(key: string, path: string | null): string | undefined {
  const errs = isQualifiedName(key);
  return errs.length > 0 ? invalidValue(path, key, errs.join('; ')) : undefined;
}

function validateLabelValue(key: string, value: string, path: string): string | undefined {
  const errs = isValidLabelValue(value);
  return errs.length > 0 ? invalidValue(`${path}[${key}]`, value, errs.join('; ')) : undefined;
}

// strconv.ParseInt(s, 10, 64): an optional sign, decimal digits, and int64 range.
function isInteger(s: string): boolean {
  if (!/^[+-]?\d+$/.test(s)) return false;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n;
}

/**
 * labels.NewRequirement. `values` is null where Go would hold a nil slice,
 * which only shows in the error text.
 */
export function newRequirement(key: string, operator: string, values: string[] | null): Requirement {
  const errs: string[] = [];
  const keyErr = validateLabelKey(key, 'key');
  if (keyErr) errs.push(keyErr);
  const vals = values ?? [];
  switch (operator) {
    case 'in':
    case 'notin':
      if (vals.length === 0) errs.push(invalidValue('values', values, "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (vals.length !== 1) errs.push(invalidValue('values', values, 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (vals.length !== 0) errs.push(invalidValue('values', values, 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (vals.length !== 1) errs.push(invalidValue('values', values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      vals.forEach((v, i) => {
        if (!isInteger(v)) errs.push(invalidValue(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default:
      errs.push(notSupported('operator', operator, [...binaryOperators, ...unaryOperators]));
  }
  vals.forEach((v, i) => {
    const err = validateLabelValue(key, v, `values[${i}]`);
    if (err) errs.push(err);
  });
  if (errs.length > 0) throw new RequirementError(aggregate(errs));
  return { key, operator: operator as LabelOperator, values: [...vals] };
}

export function requirementMatches(r: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return value !== undefined && r.values.includes(value);
    case 'notin':
    case '!=':
      return value === undefined || !r.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (value === undefined || !isInteger(value) || r.values.length !== 1 || !isInteger(r.values[0])) return false;
      const have = BigInt(value);
      const want = BigInt(r.values[0]);
      return r.operator === 'gt' ? have > want : have < want;
    }
  }
}

const operatorText: Record<LabelOperator, string> = {
  '=': '=',
  '==': '==',
  '!=': '!=',
  in: ' in ',
  notin: ' notin ',
  gt: '>',
  lt: '<',
  exists: '',
  '!': '',
};

/** Requirement.String(): `!key`, `key`, `key=v`, `key in (a,b)` with values sorted. */
export function requirementString(r: Requirement): string {
  if (r.operator === 'exists') return r.key;
  if (r.operator === '!') return `!${r.key}`;
  const values = r.values.length === 1 ? r.values[0] : [...r.values].sort(compareGoStrings).join(',');
  const set = r.operator === 'in' || r.operator === 'notin';
  return `${r.key}${operatorText[r.operator]}${set ? `(${values})` : values}`;
}
