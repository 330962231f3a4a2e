// The schema of every type the API server serves, compiled on first use from the
// generated data. Definitions are named short: core.v1.PodSpec, meta.v1.ObjectMeta.
import { RAW_DEFS } from './types.gen';
import type { RawField } from './model-types';

export type Scalar =
  | 'string' | 'int32' | 'int64' | 'boolean' | 'double' | 'byte'
  | 'IntOrString' | 'Quantity' | 'Time' | 'MicroTime' | 'FieldsV1' | 'RawExtension' | 'any';

export type TypeRef =
  | { kind: 'scalar'; name: Scalar; go: string }
  | { kind: 'array'; of: TypeRef; go: string }
  | { kind: 'map'; of: TypeRef; go: string }
  | { kind: 'ref'; def: string; go: string };

export interface Field {
  name: string;
  type: TypeRef;
  /** patchStrategy struct tag, split: ['merge'], ['retainKeys'], ['merge', 'retainKeys'], ['replace']. */
  patchStrategies: string[];
  patchMergeKey?: string;
  listType?: string;
  listMapKeys?: string[];
  mapType?: string;
  enum?: string[];
}

export interface Definition {
  name: string;
  /** Go type name as reflect prints it (v1.PodSpec). */
  go: string;
  fields: Map<string, Field>;
  required: string[];
}

const SCALARS = new Set<string>([
  'string', 'int32', 'int64', 'boolean', 'double', 'byte',
  'IntOrString', 'Quantity', 'Time', 'MicroTime', 'FieldsV1', 'RawExtension', 'any',
]);

const SCALAR_GO: Record<Scalar, string> = {
  string: 'string', int32: 'int32', int64: 'int64', boolean: 'bool', double: 'float64', byte: '[]uint8',
  IntOrString: 'intstr.IntOrString', Quantity: 'resource.Quantity', Time: 'v1.Time', MicroTime: 'v1.MicroTime',
  FieldsV1: 'v1.FieldsV1', RawExtension: 'runtime.RawExtension', any: 'interface {}',
};

/** Go package name of a definition's group: every served group is a "v1" package. */
export function goNameOf(def: string): string {
  const dot = def.lastIndexOf('.');
  const pkg = def.startsWith('resource.') ? 'resource' : def.startsWith('intstr.') ? 'intstr' : def.startsWith('runtime.') ? 'runtime' : 'v1';
  return `${pkg}.${def.slice(dot + 1)}`;
}

// Element Go type of a container Go type: "[]v1.Capability" → "v1.Capability",
// "map[v1.ResourceName]resource.Quantity" → "resource.Quantity".
function elementGo(go: string | undefined): string | undefined {
  if (!go) return undefined;
  if (go.startsWith('[]')) return go.slice(2);
  if (go.startsWith('map[')) {
    let depth = 0;
    for (let i = 3; i < go.length; i++) {
      if (go[i] === '[') depth++;
      else if (go[i] === ']' && --depth === 0) return go.slice(i + 1);
    }
  }
  return undefined;
}

export function parseType(expr: string, go?: string, underlying?: string): TypeRef {
  if (expr.startsWith('[]') || expr.startsWith('{}')) {
    const inner = parseType(expr.slice(2), elementGo(underlying ?? go));
    const kind = expr.startsWith('[]') ? 'array' : 'map';
    return { kind, of: inner, go: go ?? (kind === 'array' ? `[]${inner.go}` : `map[string]${inner.go}`) };
  }
  if (SCALARS.has(expr)) return { kind: 'scalar', name: expr as Scalar, go: go ?? SCALAR_GO[expr as Scalar] };
  if (!RAW_DEFS[expr]) throw new Error(`schema: unknown definition ${expr}`);
  return { kind: 'ref', def: expr, go: go ?? goNameOf(expr) };
}

function compileField(name: string, raw: RawField): Field {
  return {
    name,
    type: parseType(raw.t, raw.g, raw.gu),
    patchStrategies: raw.ps ? raw.ps.split(',') : [],
    patchMergeKey: raw.mk,
    listType: raw.lt,
    listMapKeys: raw.lk,
    mapType: raw.mt,
    enum: raw.e,
  };
}

const compiled = new Map<string, Definition>();

export function definition(name: string): Definition | undefined {
  let def = compiled.get(name);
  if (def) return def;
  const raw = RAW_DEFS[name];
  if (!raw) return undefined;
  const fields = new Map<string, Field>();
  for (const [f, rf] of Object.entries(raw.f)) fields.set(f, compileField(f, rf));
  def = { name, go: goNameOf(name), fields, required: raw.r ?? [] };
  compiled.set(name, def);
  return def;
}

export function definitionNames(): string[] {
  return Object.keys(RAW_DEFS);
}

/** OpenAPI name of a short definition name: core.v1.Pod → io.k8s.api.core.v1.Pod. */
export function openAPIName(short: string): string {
  if (short.startsWith('meta.')) return `io.k8s.apimachinery.pkg.apis.${short}`;
  if (short.startsWith('resource.')) return `io.k8s.apimachinery.pkg.api.${short}`;
  if (short.startsWith('intstr.')) return `io.k8s.apimachinery.pkg.util.${short}`;
  if (short.startsWith('runtime.')) return `io.k8s.apimachinery.pkg.${short}`;
  return `io.k8s.api.${short}`;
}

/** The definition a scalar stands for in OpenAPI documents, where it has one. */
export const SCALAR_DEFINITIONS: Partial<Record<Scalar, string>> = {
  IntOrString: 'intstr.IntOrString',
  Quantity: 'resource.Quantity',
  Time: 'meta.v1.Time',
  MicroTime: 'meta.v1.MicroTime',
  FieldsV1: 'meta.v1.FieldsV1',
  RawExtension: 'runtime.RawExtension',
};
