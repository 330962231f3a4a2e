// The error vocabulary of our kube-apiserver: field paths, field errors and
// metav1.Status failures, printed as upstream prints them.

export { FieldPath } from './field-path';
export { GoStruct, goJson, goQuote, goStruct } from './go-format';
export {
  OMIT_VALUE, aggregateMessage, errorBody, errorString, fieldErrors, formatBadValue,
  type FieldError, type FieldErrorType,
} from './field-error';
export * as statusErrors from './status';
export type { GroupKind, GroupResource } from './status';
