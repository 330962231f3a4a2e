// Walking a JSON tree against a schema definition as Go's decoders fill a struct:
// sigs.k8s.io/json (case-sensitive, strict errors collected with their paths, the
// first type error ends it) or runtime.DefaultUnstructuredConverter for maps.
import { definition, type Definition, type TypeRef } from './model';
import { fromJsonNode, goValueKind, nestingDepth, type JsonNode } from './json-ast';
import { formatMicroTime, formatTime, GoTimeError, parseGoTime, RFC3339, RFC3339_MICRO } from './go-time';
import { canonicalQuantity, quantityError } from './quantity';
import { isPlainObject, setOwn } from './props';
import { goQuote } from '../errors/go-format';

/** How the body reaches the typed object: JSON text, or a map (after a strategic merge patch). */
export type DecodeSource = 'json' | 'unstructured';

/** The decoder's error (the first one met), with Go's text. */
export class DecodeFailure extends Error {}

const INT32 = { min: -(2n ** 31n), max: 2n ** 31n - 1n };
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };
const OMIT = Symbol('omit');

/**
 * Free-form JSON (a managedFields entry's fieldsV1) nested deeper than this is left out
 * of the object. Go keeps up to 10000 levels; V8's JSON.stringify and structuredClone
 * overflow the stack at a few thousand, so one such object would make every later get,
 * list and watch of its kind fail. Real field sets are a few dozen levels deep; upstream
 * also drops managedFields it cannot use (FieldManager.UpdateNoErrors resets them).
 */
export const FREE_FORM_MAX_DEPTH = 500;

interface Ctx {
  /** json: sigs.k8s.io/json's decoder; unstructured: runtime.DefaultUnstructuredConverter (strategic merge patch results). */
  source: DecodeSource;
  strict: boolean;
  strictErrors: string[];
  seenStrict: Set<string>;
  /** Path for strict errors: keys and [index] segments, as sigs.k8s.io/json builds it. */
  strictPath: string[];
  /** Go's errorContext: JSON names of struct fields only, and the innermost struct. */
  fieldStack: string[];
  struct?: string;
}

function strictError(ctx: Ctx, msg: string, field: string): void {
  const path = ctx.strictPath.length ? `${ctx.strictPath.join('')}.${field}` : field;
  // strictError.Error(): strconv.Quote of the path.
  const text = `${msg} ${goQuote(path)}`;
  if (ctx.strictErrors.length >= 100 || ctx.seenStrict.has(text)) return;
  ctx.seenStrict.add(text);
  ctx.strictErrors.push(text);
}

function typeError(ctx: Ctx, value: string, goType: string): never {
  if (ctx.struct !== undefined || ctx.fieldStack.length) {
    throw new DecodeFailure(`json: cannot unmarshal ${value} into Go struct field ${ctx.struct ?? ''}.${ctx.fieldStack.join('.')} of type ${goType}`);
  }
  throw new DecodeFailure(`json: cannot unmarshal ${value} into Go value of type ${goType}`);
}

// The Go kind of a decoded JSON value as runtime.DefaultUnstructuredConverter sees it.
function unstructuredKind(node: JsonNode): string {
  switch (node.t) {
    case 'object': return 'map';
    case 'array': return 'slice';
    case 'number': return /^-?\d+$/.test(node.raw) ? 'int64' : 'float64';
    case 'bool': return 'bool';
    default: return node.t;
  }
}

// A value that does not fit its field: Go's JSON decoder error, or the unstructured
// converter's (fromUnstructured: "cannot restore struct from: string", "unrecognized type: int32", ...).
function mismatch(ctx: Ctx, node: JsonNode, type: TypeRef, value = goValueKind(node)): never {
  if (ctx.source === 'json') typeError(ctx, value, type.go);
  const st = unstructuredKind(node);
  if (type.kind === 'ref') throw new DecodeFailure(`cannot restore struct from: ${st}`);
  if (type.kind === 'array' || (type.kind === 'scalar' && type.name === 'byte')) throw new DecodeFailure(`cannot restore slice from ${st}`);
  if (type.kind === 'map') throw new DecodeFailure(`cannot restore map from ${st}`);
  const kind = type.kind === 'scalar' ? ({ string: 'string', boolean: 'bool', double: 'float64', int32: 'int32', int64: 'int64' } as Record<string, string>)[type.name] : undefined;
  if (kind === 'string' && st === 'int64') throw new DecodeFailure(`cannot convert int64 to ${type.go}`);
  if ((kind === 'int32' || kind === 'int64') && st === 'float64') throw new DecodeFailure(`cannot convert float64 to ${type.go}`);
  throw new DecodeFailure(`unrecognized type: ${kind ?? type.go}`);
}

function pushKey(ctx: Ctx, key: string): void {
  ctx.strictPath.push(ctx.strictPath.length ? `.${key}` : key);
}

function integerIn(raw: string, range: { min: bigint; max: bigint }): boolean {
  if (!/^-?\d+$/.test(raw)) return false;
  const n = BigInt(raw);
  return n >= range.min && n <= range.max;
}

function decodeStruct(node: JsonNode, def: Definition, goType: string, ctx: Ctx): unknown {
  if (node.t === 'null') return OMIT;
  if (node.t !== 'object') mismatch(ctx, node, { kind: 'ref', def: def.name, go: goType });
  const out: Record<string, unknown> = {};
  const seen = new Set<string>();
  const structName = def.go.slice(def.go.indexOf('.') + 1);
  for (const { key, value } of node.entries) {
    const field = def.fields.get(key);
    if (!field) {
      if (ctx.strict) strictError(ctx, 'unknown field', key);
      continue;
    }
    if (seen.has(key)) {
      if (ctx.strict) strictError(ctx, 'duplicate field', key);
    }
    seen.add(key);
    const saved = { struct: ctx.struct, stack: ctx.fieldStack.length, path: ctx.strictPath.length };
    ctx.fieldStack.push(key);
    ctx.struct = structName;
    pushKey(ctx, key);
    const v = decodeValue(value, field.type, ctx);
    ctx.fieldStack.length = saved.stack;
    ctx.strictPath.length = saved.path;
    ctx.struct = saved.struct;
    if (v === OMIT) {
      if (!(key in out)) continue;
      delete out[key];
      continue;
    }
    // A repeated key decodes into the same Go value: structs and maps merge, the rest is replaced.
    setOwn(out, key, key in out ? mergeRepeated(out[key], v) : v);
  }
  return out;
}

function mergeRepeated(a: unknown, b: unknown): unknown {
  if (!isPlainObject(a) || !isPlainObject(b)) return b;
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) setOwn(out, k, k in out ? mergeRepeated(out[k], v) : v);
  return out;
}

/**
 * What a null list element or map value decodes to: Go leaves the fresh element at its
 * zero value ("" for a string, "0" for a quantity, an empty struct), nil only for
 * pointers, slices, maps and free-form values.
 */
function zeroValue(type: TypeRef): unknown {
  if (type.go.startsWith('*')) return null;
  switch (type.kind) {
    case 'ref':
      return {};
    case 'scalar':
      switch (type.name) {
        case 'string':
          return '';
        case 'int32':
        case 'int64':
        case 'double':
        case 'IntOrString':
          return 0;
        case 'boolean':
          return false;
        case 'Quantity':
          return '0';
        default:
          return null;
      }
    default:
      return null;
  }
}

function decodeValue(node: JsonNode, type: TypeRef, ctx: Ctx): unknown {
  switch (type.kind) {
    case 'ref': {
      const def = definition(type.def);
      if (!def) throw new Error(`schema: no definition ${type.def}`);
      return decodeStruct(node, def, type.go, ctx);
    }
    case 'array': {
      if (node.t === 'null') return OMIT;
      if (node.t !== 'array') mismatch(ctx, node, type);
      const out: unknown[] = [];
      node.items.forEach((item, i) => {
        ctx.strictPath.push(`[${i}]`);
        const v = decodeValue(item, type.of, ctx);
        ctx.strictPath.pop();
        out.push(v === OMIT ? zeroValue(type.of) : v);
      });
      return out;
    }
    case 'map': {
      if (node.t === 'null') return OMIT;
      if (node.t !== 'object') mismatch(ctx, node, type);
      const out: Record<string, unknown> = {};
      const seen = new Set<string>();
      for (const { key, value } of node.entries) {
        if (seen.has(key) && ctx.strict) strictError(ctx, 'duplicate field', key);
        seen.add(key);
        pushKey(ctx, key);
        const v = decodeValue(value, type.of, ctx);
        ctx.strictPath.pop();
        setOwn(out, key, v === OMIT ? zeroValue(type.of) : key in out ? mergeRepeated(out[key], v) : v);
      }
      return out;
    }
    case 'scalar':
      return decodeScalar(node, type, ctx);
  }
}

function decodeScalar(node: JsonNode, type: TypeRef & { kind: 'scalar' }, ctx: Ctx): unknown {
  if (node.t === 'null') return OMIT;
  const name = type.name;
  switch (name) {
    case 'string':
      if (node.t !== 'string') mismatch(ctx, node, type);
      return node.v;
    case 'boolean':
      if (node.t !== 'bool') mismatch(ctx, node, type);
      return node.v;
    case 'int32':
    case 'int64':
      if (node.t !== 'number') mismatch(ctx, node, type);
      if (ctx.source === 'unstructured') {
        // The converter converts any integral number (out-of-range values wrap in Go).
        if (!Number.isInteger(node.v)) mismatch(ctx, node, type);
        return node.v;
      }
      if (!integerIn(node.raw, name === 'int32' ? INT32 : INT64)) mismatch(ctx, node, type, `number ${node.raw}`);
      return node.v;
    case 'double':
      if (node.t !== 'number') mismatch(ctx, node, type);
      if (!Number.isFinite(node.v)) mismatch(ctx, node, type, `number ${node.raw}`);
      return node.v;
    case 'byte':
      if (node.t !== 'string') mismatch(ctx, node, type);
      return decodeBase64(node.v);
    case 'IntOrString':
      // intstr's UnmarshalJSON hands the value to encoding/json, whose errors carry no field context.
      if (node.t === 'string') return node.v;
      if (node.t !== 'number') throw new DecodeFailure(`json: cannot unmarshal ${goValueKind(node)} into Go value of type int32`);
      if (!integerIn(node.raw, INT32)) throw new DecodeFailure(`json: cannot unmarshal number ${node.raw} into Go value of type int32`);
      return node.v;
    case 'Quantity': {
      // Any object or array is refused by its first byte alone; it need not be spelt out (nor be shallow).
      const text = node.t === 'string' ? node.v.trim() : node.t === 'number' ? node.raw : node.t === 'object' ? '{}' : node.t === 'array' ? '[]' : JSON.stringify(fromJsonNode(node));
      const err = quantityError(text);
      if (err) throw new DecodeFailure(err);
      return canonicalQuantity(text);
    }
    case 'Time':
    case 'MicroTime': {
      if (node.t !== 'string') throw new DecodeFailure(`json: cannot unmarshal ${goValueKind(node)} into Go value of type string`);
      try {
        const { ms, nanos } = parseGoTime(name === 'Time' ? RFC3339 : RFC3339_MICRO, node.v);
        return name === 'Time' ? formatTime(ms) : formatMicroTime(ms, nanos);
      } catch (e) {
        if (e instanceof GoTimeError) throw new DecodeFailure(e.message);
        throw e;
      }
    }
    default:
      // RawExtension, FieldsV1 and free-form objects keep whatever JSON they were given,
      // unless it nests deeper than this server can store and serve (see FREE_FORM_MAX_DEPTH).
      if (nestingDepth(node) > FREE_FORM_MAX_DEPTH) return OMIT;
      return fromJsonNode(node);
  }
}

function decodeBase64(s: string): string {
  const clean = s.replace(/[\r\n]/g, '');
  const bad = /[^A-Za-z0-9+/=]/.exec(clean);
  if (bad) throw new DecodeFailure(`illegal base64 data at input byte ${bad.index}`);
  if (clean.length % 4 !== 0) throw new DecodeFailure(`illegal base64 data at input byte ${clean.length - (clean.length % 4)}`);
  return s;
}


/**
 * Decodes an object node into a definition: the object with only known fields (nulls
 * left out, times and quantities in their canonical form) and the strict errors
 * (unknown and repeated fields) when strict. Throws DecodeFailure.
 */
export function decodeInto(root: JsonNode, def: Definition, opts: { source: DecodeSource; strict: boolean }): { object: Record<string, unknown>; strictErrors: string[] } {
  const ctx: Ctx = { source: opts.source, strict: opts.strict, strictErrors: [], seenStrict: new Set(), strictPath: [], fieldStack: [] };
  const v = decodeStruct(root, def, def.go, ctx);
  return { object: v === OMIT ? {} : (v as Record<string, unknown>), strictErrors: ctx.strictErrors };
}
