// A decoded struct as the JSON Go's encoding/json writes for it (what a JSON client
// would have sent): omitempty drops "", 0, false and empty lists and maps; a pointer
// that was set is kept even when zero (replicas: 0); a non-pointer struct is always
// written ("status": {}); omitzero drops a zero value; embedded structs are inlined.
// null values are left out, as the JSON decoding after this drops them anyway.
import { isMessageType, message, SCALAR_TYPES, SPECIAL_TYPES, type FieldDef, type MessageDef, type SpecialType } from './schema';
import { newState, type MessageState } from './message';
import { specialZero } from './special';

type Json = Record<string, unknown>;

function scalarZero(type: string): unknown {
  if (type === 'string') return '';
  if (type === 'bool') return false;
  if (type === 'bytes') return null;
  return 0;
}

function isEmptyScalar(v: unknown): boolean {
  return v === '' || v === 0 || v === false || v === null || (v instanceof Uint8Array && v.length === 0);
}

/** Go's reflect zero test on a decoded value (omitzero). */
function isZero(f: FieldDef, v: unknown): boolean {
  if (v === undefined) return true;
  if (f.pointer || f.repeated || f.map) return false;
  if (isMessageType(f.type)) return [...(v as MessageState).values].every(([n, x]) => isZero((v as MessageState).def.byNumber.get(n)!, x));
  // A present Quantity or FieldsV1 holds parsed data: never zero.
  if (f.type === 'Quantity' || (f.type === 'FieldsV1' && v !== null)) return false;
  return isEmptyScalar(v);
}

function valueJson(type: string, v: unknown): unknown {
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (isMessageType(type)) return renderMessage(v as MessageState);
  return v;
}

function fieldJson(f: FieldDef, v: unknown): unknown {
  if (f.map) {
    if (v === undefined) return undefined;
    const out: Json = {};
    for (const [k, x] of v as Map<string, unknown>) {
      const value = x === undefined ? zeroOf(f.type) : valueJson(f.type, x);
      Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (f.repeated) return v === undefined ? undefined : (v as unknown[]).map((x) => valueJson(f.type, x));
  if (v === undefined) return f.pointer ? undefined : zeroOf(f.type);
  return valueJson(f.type, v);
}

function zeroOf(type: string): unknown {
  if (SPECIAL_TYPES.has(type)) return specialZero(type as SpecialType);
  if (isMessageType(type)) return renderMessage(newState(message(type)));
  return scalarZero(type);
}

function omitted(f: FieldDef, v: unknown, json: unknown): boolean {
  if (json === undefined || json === null) return true;
  if (f.omitzero && isZero(f, v)) return true;
  // omitempty never drops a struct (the special types are structs too), only empty
  // scalars, lists and maps (and nil pointers).
  if (!f.omitempty) return false;
  if (Array.isArray(json)) return json.length === 0;
  if (f.map) return Object.keys(json as Json).length === 0;
  return !f.pointer && SCALAR_TYPES.has(f.type) && isEmptyScalar(json);
}

function renderInto(out: Json, state: MessageState, shadowed: ReadonlySet<string>): void {
  const def: MessageDef = state.def;
  // A field of the outer struct hides an embedded struct's field of the same name.
  const own = new Set([...shadowed, ...def.fields.filter((f) => !f.inline).map((f) => f.json)]);
  for (const f of def.fields) {
    const v = state.values.get(f.number);
    if (f.inline) {
      if (v !== undefined || !f.pointer) renderInto(out, (v as MessageState | undefined) ?? newState(message(f.type)), own);
      continue;
    }
    if (shadowed.has(f.json) || f.json === '-') continue;
    const json = fieldJson(f, v);
    if (!omitted(f, v, json)) out[f.json] = json;
  }
}

export function renderMessage(state: MessageState): Json {
  const out: Json = {};
  renderInto(out, state, new Set());
  return out;
}
