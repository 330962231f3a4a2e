// Field-level validation errors, mirroring
// k8s.io/apimachinery/pkg/util/validation/field/errors.go. kubectl prints
// `<field>: <body>` for each, so `errorBody` must match upstream byte for byte.

import { FieldPath } from './field-path';
import { goJson, goQuote } from './go-format';

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

export interface FieldError {
  type: FieldErrorType;
  field: string;
  badValue: unknown;
  detail: string;
}

/** A bad value that upstream leaves out of the message (TooMany with an unknown count). */
export const OMIT_VALUE: unique symbol = Symbol('omitValue');

const typeText: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

type PathLike = FieldPath | string;
const str = (p: PathLike): string => p.toString();

function make(type: FieldErrorType, field: PathLike, badValue: unknown, detail: string): FieldError {
  return { type, field: str(field), badValue, detail };
}

export const fieldErrors = {
  notFound: (field: PathLike, value: unknown) => make('FieldValueNotFound', field, value, ''),
  required: (field: PathLike, detail = '') => make('FieldValueRequired', field, '', detail),
  duplicate: (field: PathLike, value: unknown) => make('FieldValueDuplicate', field, value, ''),
  invalid: (field: PathLike, value: unknown, detail: string) => make('FieldValueInvalid', field, value, detail),
  typeInvalid: (field: PathLike, value: unknown, detail: string) => make('FieldValueTypeInvalid', field, value, detail),
  notSupported: (field: PathLike, value: unknown, validValues: readonly string[]) =>
    make('FieldValueNotSupported', field, value,
      validValues.length > 0 ? `supported values: ${validValues.map(goQuote).join(', ')}` : ''),
  forbidden: (field: PathLike, detail: string) => make('FieldValueForbidden', field, '', detail),
  tooLong: (field: PathLike, maxLength: number) =>
    make('FieldValueTooLong', field, '<value omitted>',
      maxLength >= 0 ? `may not be more than ${maxLength} ${maxLength === 1 ? 'byte' : 'bytes'}` : 'value is too long'),
  tooMany: (field: PathLike, actualQuantity: number, maxQuantity: number) =>
    make('FieldValueTooMany', field, actualQuantity >= 0 ? actualQuantity : OMIT_VALUE,
      maxQuantity >= 0 ? `must have at most ${maxQuantity} ${maxQuantity === 1 ? 'item' : 'items'}` : 'has too many items'),
  internal: (field: PathLike, err: string) => make('InternalError', field, null, err),
};

/** How upstream prints a bad value: simple values with %v, strings with %q, the rest as JSON. */
export function formatBadValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return goQuote(value);
  return goJson(value);
}

/** field.Error.ErrorBody(): the message without the field name. */
export function errorBody(e: FieldError): string {
  let s: string;
  switch (e.type) {
    case 'FieldValueRequired':
    case 'FieldValueForbidden':
    case 'FieldValueTooLong':
    case 'InternalError':
      s = typeText[e.type];
      break;
    default:
      s = e.badValue === OMIT_VALUE ? typeText[e.type] : `${typeText[e.type]}: ${formatBadValue(e.badValue)}`;
  }
  if (e.detail.length > 0) s += `: ${e.detail}`;
  return s;
}

/** field.Error.Error(). */
export function errorString(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/**
 * ErrorList.ToAggregate().Error(): duplicates dropped, one message alone,
 * several as `[a, b]`. Returns undefined for an empty list (no aggregate).
 */
export function aggregateMessage(errs: readonly FieldError[]): string | undefined {
  const seen = new Set<string>();
  const msgs: string[] = [];
  for (const e of errs) {
    const m = errorString(e);
    if (seen.has(m)) continue;
    seen.add(m);
    msgs.push(m);
  }
  if (msgs.length === 0) return undefined;
  if (msgs.length === 1) return msgs[0];
  return `[${msgs.join(', ')}]`;
}
