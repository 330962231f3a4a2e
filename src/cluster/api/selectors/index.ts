// Label and field selectors as kube-apiserver parses, evaluates and prints them.

export { BadRequestError, badRequestStatus } from './errors';
export { Selector } from './label-selector';
export type { LabelOperator, Requirement } from './label-requirement';
export { newRequirement, RequirementError } from './label-requirement';
export { compileLabelSelector, LabelSelectorParseError, parseLabelSelector } from './label-parser';
export { formatLabels, labelSetString, selectorFromSet } from './label-set';
export { formatLabelSelector, labelSelectorAsSelector, matchesLabelSelector } from './label-selector-object';
export type { FieldTerm, FieldTransform } from './field-selector';
export { escapeFieldValue, FieldSelector, FieldSelectorParseError, parseFieldSelector, unescapeFieldValue } from './field-selector';
export {
  compileFieldSelector,
  convertFieldLabel,
  FieldLabelError,
  matchesFieldSelector,
  selectableFields,
} from './field-labels';
