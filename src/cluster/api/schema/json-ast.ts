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
  const num = (): JsonNode => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i));
    if (!m) {
      if (text[i] === '-') i++;
      return fail('in numeric literal');
    }
    i += m[0].length;
    return { t: 'number', raw: m[0], v: Number(m[0]) };
  };
  const value = (): JsonNode => {
    ws();
    if (i >= n) throw new JsonSyntaxError('unexpected end of JSON input');
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: Array<{ key: string; value: JsonNode }> = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { t: 'object', entries };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('looking for beginning of object key string');
        const key = str();
        ws();
        if (text[i] !== ':') fail('after object key');
        i++;
        entries.push({ key, value: value() });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { t: 'object', entries };
        }
        fail('after object key:value pair');
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { t: 'array', items };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { t: 'array', items };
        }
        fail('after array element');
      }
    }
    if (c === '"') return { t: 'string', v: str() };
    if (c === 't') return literal('true', { t: 'bool', v: true });
    if (c === 'f') return literal('false', { t: 'bool', v: false });
    if (c === 'n') return literal('null', { t: 'null' });
    if (c === '-' || (c >= '0' && c <= '9')) return num();
    return fail('looking for beginning of value');
  };
  const root = value();
  ws();
  if (i < n) fail('after top-level value');
  return root;
}

/** The tree of a value that was parsed already (repeated keys are gone by then). */
export function toJsonNode(v: unknown): JsonNode {
  if (v === null || v === undefined) return { t: 'null' };
  if (typeof v === 'string') return { t: 'string', v };
  if (typeof v === 'boolean') return { t: 'bool', v };
  if (typeof v === 'number') return { t: 'number', raw: Number.isFinite(v) ? JSON.stringify(v) : String(v), v };
  if (typeof v === 'bigint') return { t: 'number', raw: v.toString(), v: Number(v) };
  if (Array.isArray(v)) return { t: 'array', items: v.map(toJsonNode) };
  if (typeof v === 'object') {
    return {
      t: 'object',
      entries: Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).map(([key, x]) => ({ key, value: toJsonNode(x) })),
    };
  }
  return { t: 'null' };
}

/** Plain value of a tree; a repeated key keeps its last value, as Go does. */
export function fromJsonNode(node: JsonNode): unknown {
  switch (node.t) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const e of node.entries) setOwn(o, e.key, fromJsonNode(e.value));
      return o;
    }
    case 'array':
      return node.items.map(fromJsonNode);
    case 'null':
      return null;
    default:
      return node.v;
  }
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
  const walk = (n: JsonNode, p: string) => {
    if (n.t === 'object') {
      const seen = new Set<string>();
      for (const { key, value } of n.entries) {
        if (seen.has(key)) out.push(`duplicate field ${JSON.stringify(p ? `${p}.${key}` : key)}`);
        seen.add(key);
        walk(value, p ? `${p}.${key}` : key);
      }
    } else if (n.t === 'array') {
      n.items.forEach((item, i) => walk(item, `${p}[${i}]`));
    }
  };
  walk(node, path);
  return [...new Set(out)];
}
