// The shape of the generated schema data (types.gen.ts).
//
// A type expression is one of:
//   string | int32 | int64 | boolean | double | byte        JSON scalars ("byte" is base64)
//   IntOrString | Quantity | Time | MicroTime                scalars with their own JSON codecs
//   FieldsV1 | RawExtension | any                            free-form JSON
//   []X                                                      array of X
//   {}X                                                      map of string to X
//   group.version.Name                                       another definition, e.g. core.v1.PodSpec
export interface RawField {
  /** Type expression. */
  t: string;
  /** Go type name when it is not the one the expression implies (named types such as v1.Protocol). */
  g?: string;
  /** Underlying Go type of a named container type (v1.ResourceList → map[v1.ResourceName]resource.Quantity). */
  gu?: string;
  /** patchStrategy struct tag: merge, retainKeys, merge,retainKeys, replace. */
  ps?: string;
  /** patchMergeKey struct tag. */
  mk?: string;
  /** +listType: atomic, set, map. */
  lt?: string;
  /** +listMapKey values. */
  lk?: string[];
  /** +mapType: atomic, granular. */
  mt?: string;
  /** Enum values from the OpenAPI document. */
  e?: string[];
}

export interface RawDef {
  f: Record<string, RawField>;
  /** Required fields. */
  r?: string[];
}
