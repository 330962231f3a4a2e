// JSON patch (RFC 6902) as kube-apiserver applies it: evanphx/json-patch v4
// (Apply with its default options: negative indices allowed), with its error
// texts, which pkg/errors builds as "context: cause".
import { isPlainObject } from '../schema/props';
import { fromJsonNode, goValueKind, type JsonNode } from '../schema/json-ast';

type JMap = Record<string, unknown>;
type Container = JMap | unknown[];

export class JsonPatchError extends Error {}

const ERR_MISSING = 'missing value';
const ERR_INVALID_INDEX = 'invalid index referenced';
const ERR_TEST_FAILED = 'test failed';

// An error with its root cause, as github.com/pkg/errors keeps it.
class Wrapped extends Error {
  constructor(message: string, readonly root: string) {
    super(message);
  }
}
const wrap = (context: string, err: Wrapped | string): Wrapped =>
  typeof err === 'string' ? new Wrapped(`${context}: ${err}`, err) : new Wrapped(`${context}: ${err.message}`, err.root);

/** One decoded operation: values keep their syntax tree, as the library keeps raw JSON. */
export interface Operation {
  [field: string]: JsonNode | undefined;
}

// Go's strconv.Atoi, with its error text.
function atoi(s: string): number | Wrapped {
  if (!/^[+-]?\d+$/.test(s)) return new Wrapped(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`, 'syntax');
  const n = Number(s);
  if (!Number.isSafeInteger(n)) return new Wrapped(`strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`, 'range');
  return n;
}

const decodeKey = (k: string) => k.replace(/~1/g, '/').replace(/~0/g, '~');

function get(c: Container, key: string): unknown | Wrapped {
  if (!Array.isArray(c)) {
    if (!Object.prototype.hasOwnProperty.call(c, key)) return wrap(`unable to get nonexistent key: ${key}`, ERR_MISSING);
    return c[key];
  }
  let idx = atoi(key);
  if (idx instanceof Wrapped) return idx;
  if (idx < 0) {
    if (idx < -c.length) return wrap(`Unable to access invalid index: ${idx}`, ERR_INVALID_INDEX);
    idx += c.length;
  }
  if (idx >= c.length) return wrap(`Unable to access invalid index: ${idx}`, ERR_INVALID_INDEX);
  return c[idx];
}

function setKey(o: JMap, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

function set(c: Container, key: string, val: unknown): Wrapped | undefined {
  if (!Array.isArray(c)) {
    setKey(c, key, val);
    return undefined;
  }
  let idx = atoi(key);
  if (idx instanceof Wrapped) return idx;
  if (idx < 0) {
    if (idx < -c.length) return wrap(`Unable to access invalid index: ${idx}`, ERR_INVALID_INDEX);
    idx += c.length;
  }
  c[idx] = val;
  return undefined;
}

function add(c: Container, key: string, val: unknown): Wrapped | undefined {
  if (!Array.isArray(c)) return set(c, key, val);
  if (key === '-') {
    c.push(val);
    return undefined;
  }
  let idx = atoi(key);
  if (idx instanceof Wrapped) return wrap(`value was not a proper array index: '${key}'`, idx);
  const size = c.length + 1;
  if (idx >= size) return wrap(`Unable to access invalid index: ${idx}`, ERR_INVALID_INDEX);
  if (idx < 0) {
    if (idx < -size) return wrap(`Unable to access invalid index: ${idx}`, ERR_INVALID_INDEX);
    idx += size;
  }
  c.splice(idx, 0, val);
  return undefined;
}

function remove(c: Container, key: string): Wrapped | undefined {
  if (!Array.isArray(c)) {
    if (!Object.prototype.hasOwnProperty.call(c, key)) return wrap(`unable to remove nonexistent key: ${key}`, ERR_MISSING);
    delete c[key];
    return undefined;
  }
  let idx = atoi(key);
  if (idx instanceof Wrapped) return idx;
  if (idx >= c.length) return wrap(`Unable to access invalid index: ${idx}`, ERR_INVALID_INDEX);
  if (idx < 0) {
    if (idx < -c.length) return wrap(`Unable to access invalid index: ${idx}`, ERR_INVALID_INDEX);
    idx += c.length;
  }
  c.splice(idx, 1);
  return undefined;
}

const isContainer = (v: unknown): v is Container => Array.isArray(v) || isPlainObject(v);

// The container holding the last path segment, and that segment; null when the path does not lead anywhere.
function findObject(doc: Container, path: string): [Container, string] | null {
  const split = path.split('/');
  if (split.length < 2) return null;
  let cur: Container = doc;
  for (const part of split.slice(1, -1)) {
    const next = get(cur, decodeKey(part));
    if (next instanceof Wrapped || next === null || next === undefined || !isContainer(next)) return null;
    cur = next;
  }
  return [cur, decodeKey(split[split.length - 1])];
}

function stringField(op: Operation, name: 'path' | 'from'): string | Wrapped {
  const node = op[name];
  if (!node || node.t === 'null') {
    return wrap(name === 'path' ? 'operation missing path field' : 'operation, missing from field', ERR_MISSING);
  }
  if (node.t !== 'string') return new Wrapped(`json: cannot unmarshal ${goValueKind(node)} into Go value of type string`, 'json');
  return node.v;
}

// The operation's value: undefined when absent, null for JSON null (the library's nil raw message).
function valueOf(op: Operation): unknown {
  const node = op.value;
  return node === undefined ? undefined : fromJsonNode(node);
}

// The library compares compacted JSON texts; numbers keep the literal the patch wrote.
function equalNode(node: JsonNode, v: unknown): boolean {
  switch (node.t) {
    case 'null': return v === null;
    case 'bool': case 'string': return node.v === v;
    case 'number': return typeof v === 'number' && JSON.stringify(v) === node.raw;
    case 'array': return Array.isArray(v) && v.length === node.items.length && node.items.every((n, i) => equalNode(n, v[i]));
    case 'object': {
      if (!isPlainObject(v)) return false;
      const seen = new Map(node.entries.map((e) => [e.key, e.value]));
      if (seen.size !== Object.keys(v).length) return false;
      for (const [k, n] of seen) if (!Object.prototype.hasOwnProperty.call(v, k) || !equalNode(n, v[k])) return false;
      return true;
    }
  }
}

/** Applies decoded operations to a decoded document, which it changes in place; returns the result. */
export function applyJsonPatch(doc: Container, ops: Operation[]): Container {
  let root = doc;
  const holder = (): Container => root;
  for (const op of ops) {
    const kindNode = op.op;
    const kind = kindNode && kindNode.t === 'string' ? kindNode.v : 'unknown';
    const fail = (e: Wrapped): never => {
      throw new JsonPatchError(e.message);
    };
    switch (kind) {
      case 'add': {
        const path = stringField(op, 'path');
        if (path instanceof Wrapped) fail(wrap('add operation failed to decode path', ERR_MISSING));
        const found = findObject(holder(), path as string);
        if (!found) fail(wrap(`add operation does not apply: doc is missing path: "${path}"`, ERR_MISSING));
        const err = add(found![0], found![1], op.value === undefined ? null : valueOf(op));
        if (err) fail(wrap(`error in add for path: '${path}'`, err));
        break;
      }
      case 'remove': {
        const path = stringField(op, 'path');
        if (path instanceof Wrapped) fail(wrap('remove operation failed to decode path', ERR_MISSING));
        const found = findObject(holder(), path as string);
        if (!found) fail(wrap(`remove operation does not apply: doc is missing path: "${path}"`, ERR_MISSING));
        const err = remove(found![0], found![1]);
        if (err) fail(wrap(`error in remove for path: '${path}'`, err));
        break;
      }
      case 'replace': {
        const path = stringField(op, 'path');
        if (path instanceof Wrapped) fail(wrap('replace operation failed to decode path', path as Wrapped));
        if (path === '') {
          // Only an object or array replaces the root; anything else is silently ignored upstream.
          const v = valueOf(op);
          if (isContainer(v)) root = v;
          break;
        }
        const found = findObject(holder(), path as string);
        if (!found) fail(wrap(`replace operation does not apply: doc is missing path: ${path}`, ERR_MISSING));
        if (get(found![0], found![1]) instanceof Wrapped) fail(wrap(`replace operation does not apply: doc is missing key: ${path}`, ERR_MISSING));
        const err = set(found![0], found![1], op.value === undefined ? null : valueOf(op));
        if (err) fail(wrap(`error in remove for path: '${path}'`, err));
        break;
      }
      case 'move': {
        const from = stringField(op, 'from');
        if (from instanceof Wrapped) fail(wrap('move operation failed to decode from', from as Wrapped));
        const src = findObject(holder(), from as string);
        if (!src) fail(wrap(`move operation does not apply: doc is missing from path: ${from}`, ERR_MISSING));
        const val = get(src![0], src![1]);
        if (val instanceof Wrapped) fail(wrap(`error in move for path: '${src![1]}'`, val));
        const rmErr = remove(src![0], src![1]);
        if (rmErr) fail(wrap(`error in move for path: '${src![1]}'`, rmErr));
        const path = stringField(op, 'path');
        if (path instanceof Wrapped) fail(wrap('move operation failed to decode path', path as Wrapped));
        const dst = findObject(holder(), path as string);
        if (!dst) fail(wrap(`move operation does not apply: doc is missing destination path: ${path}`, ERR_MISSING));
        const err = add(dst![0], dst![1], val);
        if (err) fail(wrap(`error in move for path: '${path}'`, err));
        break;
      }
      case 'copy': {
        const from = stringField(op, 'from');
        if (from instanceof Wrapped) fail(wrap('copy operation failed to decode from', from as Wrapped));
        const src = findObject(holder(), from as string);
        if (!src) fail(wrap(`copy operation does not apply: doc is missing from path: ${from}`, ERR_MISSING));
        const val = get(src![0], src![1]);
        if (val instanceof Wrapped) fail(wrap(`error in copy for from: '${from}'`, val));
        const path = stringField(op, 'path');
        if (path instanceof Wrapped) fail(wrap('copy operation failed to decode path', ERR_MISSING));
        const dst = findObject(holder(), path as string);
        if (!dst) fail(wrap(`copy operation does not apply: doc is missing destination path: ${path}`, ERR_MISSING));
        const err = add(dst![0], dst![1], val === undefined ? null : structuredClone(val));
        if (err) fail(wrap('error while adding value during copy', err));
        break;
      }
      case 'test': {
        const path = stringField(op, 'path');
        if (path instanceof Wrapped) fail(wrap('test operation failed to decode path', path as Wrapped));
        const failed = () => fail(wrap(`testing value ${path} failed`, ERR_TEST_FAILED));
        if (path === '') {
          if (!op.value || !equalNode(op.value, root)) failed();
          break;
        }
        const found = findObject(holder(), path as string);
        if (!found) fail(wrap(`test operation does not apply: is missing path: ${path}`, ERR_MISSING));
        const val = get(found![0], found![1]);
        if (val instanceof Wrapped && val.root !== ERR_MISSING) fail(wrap(`error in test for path: '${path}'`, val));
        const present = !(val instanceof Wrapped) && val !== null;
        if (!present) {
          // A missing or null target only equals an explicit "value": null.
          if (op.value?.t === 'null') break;
          failed();
        }
        if (!op.value || !equalNode(op.value, val)) failed();
        break;
      }
      default:
        throw new JsonPatchError(`Unexpected kind: ${kind}`);
    }
  }
  return root;
}

/** Decodes a patch body into operations (jsonpatch.DecodePatch), with Go's texts for bodies of the wrong shape. */
export function decodeJsonPatch(node: JsonNode): Operation[] {
  if (node.t === 'null') return [];
  if (node.t !== 'array') throw new JsonPatchError(`json: cannot unmarshal ${goValueKind(node)} into Go value of type jsonpatch.Patch`);
  return node.items.map((item) => {
    if (item.t === 'null') return {};
    if (item.t !== 'object') throw new JsonPatchError(`json: cannot unmarshal ${goValueKind(item)} into Go value of type jsonpatch.Operation`);
    const op: Operation = {};
    for (const e of item.entries) op[e.key] = e.value;
    return op;
  });
}
