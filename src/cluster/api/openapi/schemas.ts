// OpenAPI schemas of every served type, from the schema model: the "definitions" of
// /openapi/v2 and the "components.schemas" of /openapi/v3, with the extensions kubectl
// reads (x-kubernetes-group-version-kind, x-kubernetes-patch-strategy and
// x-kubernetes-patch-merge-key for client-side apply, list and map types).
import { definition, definitionNames, openAPIName, SCALAR_DEFINITIONS, type Field, type Scalar, type TypeRef } from '../schema/model';
import { KINDS } from '../schema/kinds';
import { DOCS } from '../schema/docs.gen';
import { ALL_GROUP_VERSIONS } from '../discovery/resources';

export type Json = Record<string, unknown>;
export type Flavor = 'v2' | 'v3';

const SPECIAL_SCHEMAS: Record<string, Json> = {
  'intstr.IntOrString': {
    description: 'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
    format: 'int-or-string',
    type: 'string',
  },
  'resource.Quantity': {
    description: 'Quantity is a fixed-point representation of a number. It provides convenient marshaling/unmarshaling in JSON and YAML, in addition to String() and AsInt64() accessors.\n\nThe serialization format is:\n\n``` <quantity>        ::= <signedNumber><suffix>\n\n\t(Note that <suffix> may be empty, from the "" case in <decimalSI>.)\n\n<digit>           ::= 0 | 1 | ... | 9 <digits>          ::= <digit> | <digit><digits> <number>          ::= <digits> | <digits>.<digits> | <digits>. | .<digits> <sign>            ::= "+" | "-" <signedNumber>    ::= <number> | <sign><number> <suffix>          ::= <binarySI> | <decimalExponent> | <decimalSI> <binarySI>        ::= Ki | Mi | Gi | Ti | Pi | Ei\n\n\t(International System of units; See: http://physics.nist.gov/cuu/Units/binary.html)\n\n<decimalSI>       ::= m | "" | k | M | G | T | P | E\n\n\t(Note that 1024 = 1Ki but 1000 = 1k; I didn\'t choose the capitalization.)\n\n<decimalExponent> ::= "e" <signedNumber> | "E" <signedNumber> ```\n\nNo matter which of the three exponent forms is used, no quantity may represent a number greater than 2^63-1 in magnitude, nor may it have more than 3 decimal places. Numbers larger or more precise will be capped or rounded up. (E.g.: 0.1m will rounded up to 1m.) This may be extended in the future if we require larger or smaller quantities.\n\nWhen a Quantity is parsed from a string, it will remember the type of suffix it had, and will use the same type again when it is serialized.\n\nBefore serializing, Quantity will be put in "canonical form". This means that Exponent/suffix will be adjusted up or down (with a corresponding increase or decrease in Mantissa) such that:\n\n- No precision is lost - No fractional digits will be emitted - The exponent (or suffix) is as large as possible.\n\nThe sign will be omitted unless the number is negative.\n\nExamples:\n\n- 1.5 will be serialized as "1500m" - 1.5Gi will be serialized as "1536Mi"\n\nNote that the quantity will NEVER be internally represented by a floating point number. That is the whole point of this exercise.\n\nNon-canonical values will still parse as long as they are well formed, but will be re-emitted in their canonical form. (So always use canonical form, or don\'t diff.)\n\nThis format is intended to make it difficult to use these numbers without writing some sort of special handling code in the hopes that that will cause implementors to also use a fixed point implementation.',
    type: 'string',
  },
  'meta.v1.Time': {
    description: 'Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.  Wrappers are provided for many of the factory methods that the time package offers.',
    format: 'date-time',
    type: 'string',
  },
  'meta.v1.MicroTime': { description: 'MicroTime is version of Time with microsecond level precision.', format: 'date-time', type: 'string' },
  'meta.v1.FieldsV1': {
    description: "FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format.\n\nEach key is either a '.' representing the field itself, and will always map to an empty set, or a string representing a sub-field or item. The string will follow one of these four formats: 'f:<name>', where <name> is the name of a field in a struct, or key in a map 'v:<value>', where <value> is the exact json formatted value of a list item 'i:<index>', where <index> is position of a item in a list 'k:<keys>', where <keys> is a map of  a list item's key fields to their unique values If a key maps to an empty Fields value, the field that key represents is part of the set.\n\nThe exact format is defined in sigs.k8s.io/structured-merge-diff",
    type: 'object',
  },
  'runtime.RawExtension': {
    description: 'RawExtension is used to hold extensions in external versions.',
    type: 'object',
  },
  'meta.v1.Patch': { description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.', type: 'object' },
};

const refPrefix = (flavor: Flavor) => (flavor === 'v2' ? '#/definitions/' : '#/components/schemas/');

/** A reference to a definition; v3 wraps it in allOf so that a description may stand beside it, as upstream does. */
export function refTo(def: string, flavor: Flavor, description?: string): Json {
  const ref = { $ref: `${refPrefix(flavor)}${openAPIName(def)}` };
  if (flavor === 'v2') return description ? { ...ref, description } : ref;
  return description ? { allOf: [ref], description } : { allOf: [ref] };
}

const SCALAR_SCHEMA: Partial<Record<Scalar, Json>> = {
  string: { type: 'string' },
  int32: { type: 'integer', format: 'int32' },
  int64: { type: 'integer', format: 'int64' },
  boolean: { type: 'boolean' },
  double: { type: 'number', format: 'double' },
  byte: { type: 'string', format: 'byte' },
  any: { type: 'object' },
};

function typeSchema(t: TypeRef, flavor: Flavor): Json {
  switch (t.kind) {
    case 'ref':
      return refTo(t.def, flavor);
    case 'array':
      return { type: 'array', items: typeSchema(t.of, flavor) };
    case 'map':
      return { type: 'object', additionalProperties: typeSchema(t.of, flavor) };
    case 'scalar': {
      const special = SCALAR_DEFINITIONS[t.name];
      return special ? refTo(special, flavor) : { ...SCALAR_SCHEMA[t.name] };
    }
  }
}

function fieldSchema(f: Field, flavor: Flavor, description: string | undefined): Json {
  let s = typeSchema(f.type, flavor);
  const isRef = '$ref' in s || 'allOf' in s;
  if (description) s = isRef ? (flavor === 'v2' ? { ...s, description } : { ...s, description }) : { description, ...s };
  if (f.enum && !isRef) s.enum = f.enum;
  if (f.listMapKeys) s['x-kubernetes-list-map-keys'] = f.listMapKeys;
  if (f.listType) s['x-kubernetes-list-type'] = f.listType;
  if (f.mapType) s['x-kubernetes-map-type'] = f.mapType;
  if (f.patchMergeKey) s['x-kubernetes-patch-merge-key'] = f.patchMergeKey;
  if (f.patchStrategies.length) s['x-kubernetes-patch-strategy'] = f.patchStrategies.join(',');
  return s;
}

// The group/version/kinds a definition stands for. DeleteOptions, Status and
// WatchEvent are every served group's, as upstream registers them in each.
function gvksOf(def: string): Array<{ group: string; kind: string; version: string }> {
  if (def === 'meta.v1.DeleteOptions' || def === 'meta.v1.WatchEvent') {
    const kind = def === 'meta.v1.DeleteOptions' ? 'DeleteOptions' : 'WatchEvent';
    return ALL_GROUP_VERSIONS.map((gv) => ({ group: gv.group, kind, version: gv.version }));
  }
  return KINDS.filter((k) => k.definition === def).map((k) => ({ group: k.group, kind: k.kind, version: k.version }));
}

/** The schema of one definition (short name), or undefined when there is none. */
export function definitionSchema(def: string, flavor: Flavor): Json | undefined {
  if (SPECIAL_SCHEMAS[def]) return SPECIAL_SCHEMAS[def];
  const d = definition(def);
  if (!d) return undefined;
  const docs = DOCS[def] ?? {};
  const properties: Json = {};
  for (const f of [...d.fields.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    properties[f.name] = fieldSchema(f, flavor, docs[f.name]);
  }
  const s: Json = {};
  if (docs['']) s.description = docs[''];
  s.properties = properties;
  if (d.required.length) s.required = d.required;
  s.type = 'object';
  const gvks = gvksOf(def);
  if (gvks.length) s['x-kubernetes-group-version-kind'] = gvks;
  return s;
}

/** Every definition a document may refer to, by OpenAPI name. */
export function allDefinitions(flavor: Flavor): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const name of [...definitionNames(), ...Object.keys(SPECIAL_SCHEMAS)].sort((a, b) => (openAPIName(a) < openAPIName(b) ? -1 : 1))) {
    out[openAPIName(name)] = definitionSchema(name, flavor)!;
  }
  return out;
}

/** The definitions reachable from some roots, for a group/version's v3 document. */
export function reachableDefinitions(roots: string[], flavor: Flavor): Record<string, Json> {
  const all = allDefinitions(flavor);
  const out: Record<string, Json> = {};
  const queue = roots.map(openAPIName);
  while (queue.length) {
    const name = queue.shift()!;
    if (out[name] || !all[name]) continue;
    out[name] = all[name];
    const text = JSON.stringify(all[name]);
    for (const m of text.matchAll(/"\$ref":"#\/(?:definitions|components\/schemas)\/([^"]+)"/g)) queue.push(m[1]);
  }
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
}
