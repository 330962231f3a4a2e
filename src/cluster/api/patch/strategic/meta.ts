// Patch metadata (patchStrategy, patchMergeKey) looked up field by field, as
// strategicpatch.PatchMetaFromStruct does over the Go types, here over the schema.
import { definition, type TypeRef } from '../../schema/model';

export interface PatchMeta {
  strategies: string[];
  mergeKey: string;
}

export interface LookupPatchMeta {
  /** Metadata of a field holding an object (or any value): throws with upstream's message when there is none. */
  forStruct(key: string): [LookupPatchMeta, PatchMeta];
  /** Metadata of a field holding a list, with the element's schema. */
  forSlice(key: string): [LookupPatchMeta, PatchMeta];
  /** reflect.Kind of the type, as upstream's messages print it. */
  name(): string;
}

/** A failure of the lookup; upstream returns it as a plain error. */
export class PatchMetaError extends Error {}

// Go's reflect.Kind of each schema type.
function goKind(t: TypeRef): string {
  switch (t.kind) {
    case 'ref': return 'struct';
    case 'array': return 'slice';
    case 'map': return 'map';
    case 'scalar':
      switch (t.name) {
        case 'string': return 'string';
        case 'int32': return 'int32';
        case 'int64': return 'int64';
        case 'boolean': return 'bool';
        case 'double': return 'float64';
        case 'byte': return 'slice';
        case 'any': return 'interface';
        default: return 'struct';
      }
  }
}

// Go struct name (reflect Type.Name()): "v1.PodSpec" → "PodSpec".
function structName(t: TypeRef): string {
  const dot = t.go.lastIndexOf('.');
  return dot < 0 ? t.go : t.go.slice(dot + 1);
}

const UINT8: TypeRef = { kind: 'scalar', name: 'int32', go: 'uint8' };

export class SchemaPatchMeta implements LookupPatchMeta {
  constructor(private readonly type: TypeRef) {}

  forStruct(key: string): [LookupPatchMeta, PatchMeta] {
    const kind = goKind(this.type);
    if (kind !== 'struct') {
      throw new PatchMetaError(`merging an object in json but data type is not struct, instead is: ${kind}`);
    }
    const def = this.type.kind === 'ref' ? definition(this.type.def) : undefined;
    let field = def?.fields.get(key);
    if (!field && def) {
      // The forked encoding/json falls back to a case-insensitive match.
      const lower = key.toLowerCase();
      for (const f of def.fields.values()) {
        if (f.name.toLowerCase() === lower) {
          field = f;
          break;
        }
      }
    }
    if (!field) {
      throw new PatchMetaError(`unable to find api field in struct ${structName(this.type)} for the json field ${JSON.stringify(key)}`);
    }
    return [new SchemaPatchMeta(field.type), { strategies: field.patchStrategies, mergeKey: field.patchMergeKey ?? '' }];
  }

  forSlice(key: string): [LookupPatchMeta, PatchMeta] {
    const [sub, meta] = this.forStruct(key);
    const t = (sub as SchemaPatchMeta).type;
    if (t.kind === 'array') return [new SchemaPatchMeta(t.of), meta];
    if (t.kind === 'scalar' && t.name === 'byte') return [new SchemaPatchMeta(UINT8), meta];
    // Upstream prints the kind of the enclosing type here.
    throw new PatchMetaError(`expected slice or array type, but got: ${goKind(this.type)}`);
  }

  name(): string {
    const k = goKind(this.type);
    return k === 'int32' && this.type.go === 'uint8' ? 'uint8' : k;
  }
}

/** The patch metadata of a whole object of a definition (core.v1.Pod, …). */
export function patchMetaOf(def: string): LookupPatchMeta {
  if (!definition(def)) throw new Error(`patch: no definition ${def}`);
  return new SchemaPatchMeta({ kind: 'ref', def, go: def });
}
