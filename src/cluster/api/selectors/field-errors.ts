// apimachinery's field.Error and errors.Aggregate renderings: selector errors
// are field.Invalid values, aggregated, and printed inside other messages.

import { goQuote, goStringSlice } from './go-format';

/** field.Invalid(path, value, detail).Error(); a nil *field.Path prints "<nil>". */
export function invalidValue(path: string | null, value: string | string[] | null, detail: string): string {
  const rendered = typeof value === 'string' ? goQuote(value) : goStringSlice(value);
  return `${path ?? '<nil>'}: Invalid value: ${rendered}: ${detail}`;
}

/** field.NotSupported(path, value, valid).Error(). */
export function notSupported(path: string, value: string, valid: string[]): string {
  return `${path}: Unsupported value: ${goQuote(value)}: supported values: ${valid.map(goQuote).join(', ')}`;
}

/** utilerrors.NewAggregate(errs).Error(): one message alone, several de-duplicated in brackets. */
export function aggregate(messages: string[]): string {
  const seen: string[] = [];
  for (const msg of messages) if (!seen.includes(msg)) seen.push(msg);
  if (seen.length === 1) return seen[0];
  return `[${seen.join(', ')}]`;
}
