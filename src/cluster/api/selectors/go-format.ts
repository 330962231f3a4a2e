// Go's fmt verbs that upstream error messages are built with. Error texts are
// part of what kubectl prints, so they must be rendered the way Go renders them.

const namedEscapes: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
  '"': '\\"',
};

/** fmt's %q for a string (strconv.Quote). */
export function goQuote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const named = namedEscapes[ch];
    if (named !== undefined) {
      out += named;
      continue;
    }
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) {
      out += `\\x${code.toString(16).padStart(2, '0')}`;
    } else {
      out += ch;
    }
  }
  return out + '"';
}

/** fmt's %#v for a []string; Go distinguishes a nil slice from an empty one. */
export function goStringSlice(values: string[] | null): string {
  if (values === null) return '[]string(nil)';
  return `[]string{${values.map(goQuote).join(', ')}}`;
}

/** Go's len() counts bytes, and validation limits are in bytes. */
export function byteLength(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/** Go's sort.Strings orders by bytes; comparing UTF-8 keeps that order for non-ASCII too. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
