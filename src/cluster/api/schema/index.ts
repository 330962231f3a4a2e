// The schema of the served types and decoding request bodies into them.
export { decodeObject, decodeDetailed, fieldValidationOf, type FieldValidation, type DecodeResult, type DetailedDecode } from './decode';
export { definition, definitionNames, openAPIName, type Definition, type Field, type TypeRef } from './model';
export { KINDS, findKind, kindByName, parseAPIVersion, formatAPIVersion, type KindInfo } from './kinds';
