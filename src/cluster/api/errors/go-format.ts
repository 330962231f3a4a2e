// Go's printing of values, as far as kube-apiserver's messages depend on it:
// strconv.Quote (the %q of field errors and NotSupported lists) and
// encoding/json.Marshal (how complex bad values are rendered). JavaScript's
// JSON.stringify differs in ways a learner can see: Go sorts map keys, escapes
// <, > and & for HTML, and keeps struct fields in declaration order.

/**
 * A Go struct value: fields render in the given order (not sorted like a map),
 * and fields whose value is `undefined` are left out (json:",omitempty").
 */
export class GoStruct {
  constructor(readonly fields: Readonly<Record<string, unknown>>) {}
}

export function goStruct(fields: Record<string, unknown>): GoStruct {
  return new GoStruct(fields);
}

// unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    let cp = ch.codePointAt(0) ?? 0xfffd;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // a lone surrogate is not valid UTF-8
    const c = String.fromCodePoint(cp);
    switch (c) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\n': out += '\\n'; continue;
      case '\r': out += '\\r'; continue;
      case '\t': out += '\\t'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (cp === 0x20 || printable.test(c)) out += c;
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x10000) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return out + '"';
}

function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    let cp = ch.codePointAt(0) ?? 0xfffd;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    switch (cp) {
      case 0x22: out += '\\"'; continue;
      case 0x5c: out += '\\\\'; continue;
      case 0x08: out += '\\b'; continue;
      case 0x0c: out += '\\f'; continue;
      case 0x0a: out += '\\n'; continue;
      case 0x0d: out += '\\r'; continue;
      case 0x09: out += '\\t'; continue;
    }
    // Go escapes control characters, HTML's <, > and &, and the JavaScript line separators.
    if (cp < 0x20 || cp === 0x3c || cp === 0x3e || cp === 0x26 || cp === 0x2028 || cp === 0x2029) {
      out += `\\u${hex(cp, 4)}`;
    } else {
      out += String.fromCodePoint(cp);
    }
  }
  return out + '"';
}

function jsonNumber(n: number): string {
  if (!Number.isFinite(n)) return 'null';
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    // Go cleans its 1e-07 up to 1e-7, which is what JavaScript writes.
    return n.toExponential();
  }
  return String(n);
}

/** encoding/json.Marshal of a value built from JSON-like data and GoStructs. */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof GoStruct) {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value.fields)) {
      if (v !== undefined) parts.push(`${jsonString(k)}:${goJson(v)}`);
    }
    return `{${parts.join(',')}}`;
  }
  switch (typeof value) {
    case 'string': return jsonString(value);
    case 'number': return jsonNumber(value);
    case 'bigint': return value.toString();
    case 'boolean': return value ? 'true' : 'false';
  }
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (typeof value === 'object') {
    // A Go map: keys sorted by their bytes.
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (Buffer.compare(Buffer.from(a), Buffer.from(b))));
    return `{${entries.map(([k, v]) => `${jsonString(k)}:${goJson(v)}`).join(',')}}`;
  }
  return 'null';
}
