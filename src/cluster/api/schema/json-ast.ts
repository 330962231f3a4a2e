import { goQuote } from '../errors/go-format';
import { setOwn } from './props';

// A JSON syntax tree that keeps what JSON.parse throws away and Go's decoder reports:
// repeated keys, and the literal text of numbers ("1.0" is not an int32 in Go).

export type JsonNode =
  | { t: 'object'; entries: Array<{ key: string; value: JsonNode }> }
  | { t: 'array'; items: JsonNode[] }
  | { t: 'string'; v: string }
  | { t: 'number'; raw: string; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'null' };

/** A syntax error worded as Go's encoding/json words it. */
export class JsonSyntaxError extends Error {}

// Go's quoteChar: how encoding/json shows the offending byte.
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const q = JSON.stringify(c);
  return `'${q.slice(1, -1)}'`;
}

/**
 * How deep arrays and objects may nest: Go's encoding/json scanner (and sigs.k8s.io/json,
 * its fork) refuses the 10001st level with `invalid character '{' exceeded max depth`.
 */
export const MAX_NESTING_DEPTH = 10000;

type OpenContainer =
  | { node: { t: 'object'; entries: Array<{ key: string; value: JsonNode }> }; key: string }
  | { node: { t: 'array'; items: JsonNode[] } };

// Iterative rather than recursive: a body nested thousands of levels deep, which Go
// accepts, must not exhaust the JavaScript stack.
export function parseJsonText(text: string): JsonNode {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (context: string): never => {
    if (i >= n) throw new JsonSyntaxError('unexpected end of JSON input');
    throw new JsonSyntaxError(`invalid character ${quoteChar(text[i])} ${context}`);
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < n) {
      const c = text[i];
      if (c === '"') {
        i++;
        try {
          return JSON.parse(text.slice(start, i)) as string;
        } catch {
          i = start;
          return fail('in string escape code');
        }
      }
      if (c === '\\') i += 2;
      else if (c < ' ') return fail('in string literal');
      else i++;
    }
    throw new JsonSyntaxError('unexpected end of JSON input');
  };
  const literal = (word: string, node: JsonNode): JsonNode => {
    for (let k = 0; k < word.length; k++, i++) {
      if (i >= n) throw new JsonSyntaxError('unexpected end of JSON input');
      if (text[i] !== word[k]) return fail(`in literal ${word} (expecting ${quoteChar(word[k])})`);
    }
    return node;
  };
  const digit = (k: number) => k < n && text[k]! >= '0' && text[k]! <= '9';
  // Go's scanner states for a number: sign, integer, fraction, exponent.
  const num = (): JsonNode => {
    const start = i;
    if (text[i] === '-') i++;
    if (!digit(i)) return fail('in numeric literal');
    if (text[i] === '0') i++;
    else while (digit(i)) i++;
    if (text[i] === '.') {
      i++;
      if (!digit(i)) return fail('after decimal point in numeric literal');
      while (digit(i)) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!digit(i)) return fail('in exponent of numeric literal');
      while (digit(i)) i++;
    }
    const raw = text.slice(start, i);
    return { t: 'number', raw, v: Number(raw) };
  };
  /** After `{` or `,` inside an object: the key and its colon. */
  const key = (): string => {
    ws();
    if (text[i] !== '"') fail('looking for beginning of object key string');
    const k = str();
    ws();
    if (text[i] !== ':') fail('after object key');
    i++;
    return k;
  };

  const open: OpenContainer[] = [];
  for (;;) {
    // A value starts here.
    ws();
    if (i >= n) throw new JsonSyntaxError('unexpected end of JSON input');
    const c = text[i];
    let done: JsonNode;
    if (c === '{' || c === '[') {
      if (open.length >= MAX_NESTING_DEPTH) fail('exceeded max depth');
      i++;
      ws();
      if (c === '{') {
        const node = { t: 'object' as const, entries: [] as Array<{ key: string; value: JsonNode }> };
        if (text[i] !== '}') {
          open.push({ node, key: key() });
          continue;
        }
        i++;
        done = node;
      } else {
        const node = { t: 'array' as const, items: [] as JsonNode[] };
        if (text[i] !== ']') {
          open.push({ node });
          continue;
        }
        i++;
        done = node;
      }
    } else if (c === '"') done = { t: 'string', v: str() };
    else if (c === 't') done = literal('true', { t: 'bool', v: true });
    else if (c === 'f') done = literal('false', { t: 'bool', v: false });
    else if (c === 'n') done = literal('null', { t: 'null' });
    else if (c === '-' || (c >= '0' && c <= '9')) done = num();
    else return fail('looking for beginning of value');

    // A value is complete: hand it to its container, closing containers as they end.
    for (;;) {
      const top = open[open.length - 1];
      if (!top) {
        ws();
        if (i < n) fail('after top-level value');
        return done;
      }
      ws();
      if ('key' in top) {
        top.node.entries.push({ key: top.key, value: done });
        if (text[i] === ',') {
          i++;
          top.key = key();
          break;
        }
        if (text[i] !== '}') fail('after object key:value pair');
      } else {
        top.node.items.push(done);
        if (text[i] === ',') {
          i++;
          break;
        }
        if (text[i] !== ']') fail('after array element');
      }
      i++;
      open.pop();
      done = top.node;
    }
  }
}

/** The tree of a value that was parsed already (repeated keys are gone by then). */
export function toJsonNode(v: unknown): JsonNode {
  const leaf = (x: unknown): JsonNode | undefined => {
    if (x === null || x === undefined) return { t: 'null' };
    if (typeof x === 'string') return { t: 'string', v: x };
    if (typeof x === 'boolean') return { t: 'bool', v: x };
    if (typeof x === 'number') return { t: 'number', raw: Number.isFinite(x) ? JSON.stringify(x) : String(x), v: x };
    if (typeof x === 'bigint') return { t: 'number', raw: x.toString(), v: Number(x) };
    if (typeof x === 'object') return undefined;
    return { t: 'null' };
  };
  // Containers are filled from an explicit work list, so depth costs no stack.
  const work: Array<{ from: unknown; into: JsonNode[] }> = [];
  const make = (x: unknown): JsonNode => {
    const l = leaf(x);
    if (l) return l;
    if (Array.isArray(x)) {
      const node: JsonNode = { t: 'array', items: [] };
      work.push({ from: x, into: node.items });
      return node;
    }
    const node: JsonNode = { t: 'object', entries: [] };
    work.push({ from: x, into: node.entries as unknown as JsonNode[] });
    return node;
  };
  const root = make(v);
  while (work.length) {
    const { from, into } = work.pop()!;
    if (Array.isArray(from)) for (const item of from) into.push(make(item));
    else {
      const entries = into as unknown as Array<{ key: string; value: JsonNode }>;
      for (const [key, x] of Object.entries(from as Record<string, unknown>)) if (x !== undefined) entries.push({ key, value: make(x) });
    }
  }
  return root;
}

/** Plain value of a tree; a repeated key keeps its last value, as Go does. */
export function fromJsonNode(node: JsonNode): unknown {
  const work: Array<{ node: JsonNode; into: Record<string, unknown> | unknown[] }> = [];
  const make = (x: JsonNode): unknown => {
    switch (x.t) {
      case 'object': {
        const o: Record<string, unknown> = {};
        work.push({ node: x, into: o });
        return o;
      }
      case 'array': {
        const a: unknown[] = [];
        work.push({ node: x, into: a });
        return a;
      }
      case 'null':
        return null;
      default:
        return x.v;
    }
  };
  const root = make(node);
  while (work.length) {
    const { node: x, into } = work.pop()!;
    if (x.t === 'array') for (const item of x.items) (into as unknown[]).push(make(item));
    else if (x.t === 'object') for (const e of x.entries) setOwn(into as Record<string, unknown>, e.key, make(e.value));
  }
  return root;
}

/** Arrays and objects nested in a tree, counting the tree itself (0 for a scalar). */
export function nestingDepth(node: JsonNode): number {
  let max = 0;
  const work: Array<{ node: JsonNode; depth: number }> = [{ node, depth: 0 }];
  while (work.length) {
    const { node: x, depth } = work.pop()!;
    if (x.t !== 'object' && x.t !== 'array') continue;
    if (depth + 1 > max) max = depth + 1;
    if (x.t === 'object') for (const e of x.entries) work.push({ node: e.value, depth: depth + 1 });
    else for (const item of x.items) work.push({ node: item, depth: depth + 1 });
  }
  return max;
}

/** What Go's decoder calls a JSON value in "cannot unmarshal X into ...". */
export function goValueKind(node: JsonNode): string {
  switch (node.t) {
    case 'object': return 'object';
    case 'array': return 'array';
    case 'string': return 'string';
    case 'number': return 'number';
    case 'bool': return 'bool';
    case 'null': return 'null';
  }
}

/**
 * Repeated keys anywhere in a tree decoded into free-form JSON (map[string]interface{}),
 * as sigs.k8s.io/json reports them: `duplicate field "spec.ports[0].port"`.
 */
export function duplicateFields(node: JsonNode, path = ''): string[] {
  const out: string[] = [];
  // Depth first, in document order, as the recursive walk would go: a frame per open
  // object or array and the index of its next child.
  const stack: Array<{ node: JsonNode; path: string; next: number; seen: Set<string> }> = [{ node, path, next: 0, seen: new Set() }];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const n = top.node;
    if (n.t === 'object' && top.next < n.entries.length) {
      const { key, value } = n.entries[top.next++]!;
      const p = top.path ? `${top.path}.${key}` : key;
      if (top.seen.has(key)) out.push(`duplicate field ${goQuote(p)}`);
      top.seen.add(key);
      stack.push({ node: value, path: p, next: 0, seen: new Set() });
    } else if (n.t === 'array' && top.next < n.items.length) {
      const i = top.next++;
      stack.push({ node: n.items[i]!, path: `${top.path}[${i}]`, next: 0, seen: new Set() });
    } else {
      stack.pop();
    }
  }
  return [...new Set(out)];
}
