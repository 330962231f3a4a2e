// The generated message table (schema.gen.ts), parsed on first use.
import { KINDS, MESSAGES } from './schema.gen';

/** A scalar, a type with its own codec, or another message's name. */
export type FieldType = 'string' | 'int32' | 'int64' | 'bool' | 'bytes' | SpecialType | string;
export type SpecialType = 'Time' | 'MicroTime' | 'IntOrString' | 'Quantity' | 'FieldsV1';

export const SPECIAL_TYPES: ReadonlySet<string> = new Set<SpecialType>(['Time', 'MicroTime', 'IntOrString', 'Quantity', 'FieldsV1']);
export const SCALAR_TYPES: ReadonlySet<string> = new Set(['string', 'int32', 'int64', 'bool', 'bytes']);

export interface FieldDef {
  number: number;
  /** The json name; "" for an inline (embedded) struct. */
  json: string;
  /** The Go field name, for decode errors. */
  goName: string;
  type: FieldType;
  /** A Go pointer: present means set, even to a zero value. */
  pointer: boolean;
  omitempty: boolean;
  omitzero: boolean;
  repeated: boolean;
  /** map[string]type, sent as repeated key (1) / value (2) entries. */
  map: boolean;
  inline: boolean;
}

export interface MessageDef {
  name: string;
  /** The Go type name, as generated code names it in errors. */
  goName: string;
  /** In Go struct order, which is the order of the JSON. */
  fields: FieldDef[];
  byNumber: Map<number, FieldDef>;
}

function parseField(spec: string): FieldDef {
  const [num, json, type, flags = '-', goName] = spec.split(' ') as [string, string, string, string?, string?];
  const inline = flags.includes('i');
  const name = inline ? '' : json;
  return {
    number: Number(num),
    json: name,
    goName: goName ?? name.charAt(0).toUpperCase() + name.slice(1),
    type,
    pointer: flags.includes('p'),
    omitempty: flags.includes('o'),
    omitzero: flags.includes('z'),
    repeated: flags.includes('r'),
    map: flags.includes('m'),
    inline,
  };
}

const cache = new Map<string, MessageDef>();

export function message(name: string): MessageDef {
  let def = cache.get(name);
  if (!def) {
    const specs = MESSAGES[name];
    if (!specs) throw new Error(`protobuf schema: no message ${name}`);
    const fields = specs.map(parseField);
    def = { name, goName: name.slice(name.lastIndexOf('.') + 1), fields, byNumber: new Map(fields.map((f) => [f.number, f])) };
    cache.set(name, def);
  }
  return def;
}

export function isMessageType(type: FieldType): boolean {
  return !SPECIAL_TYPES.has(type) && !SCALAR_TYPES.has(type);
}

/** The message a body of this apiVersion and kind carries; undefined for a kind not served. */
export function messageForKind(apiVersion: string, kind: string): string | undefined {
  return KINDS[`${apiVersion} ${kind}`] ?? KINDS[`* ${kind}`];
}
