// Syntax colouring for YAML, line by line: comments, keys, list dashes,
// strings, numbers, booleans and null, anchors and document markers. Enough
// for manifests; the parser (js-yaml) is what says whether the text is valid.
// Pure: returns tokens, the view turns them into spans.

export type TokenKind = 'comment' | 'key' | 'string' | 'number' | 'bool' | 'punct' | 'marker' | 'anchor' | 'text';

export interface Token {
  kind: TokenKind;
  text: string;
}

function scalar(text: string): TokenKind {
  const v = text.trim();
  if (/^(['"]).*\1$/.test(v)) return 'string';
  if (/^-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?$/.test(v) || /^0x[0-9a-fA-F]+$/.test(v)) return 'number';
  if (/^(true|false|yes|no|on|off|null|~)$/i.test(v)) return 'bool';
  if (/^[&*][\w-]+$/.test(v)) return 'anchor';
  return 'text';
}

/** Splits a value from a trailing comment (a # after whitespace, outside quotes). */
function splitComment(s: string): [string, string] {
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(s[i - 1]!))) return [s.slice(0, i), s.slice(i)];
  }
  return [s, ''];
}

export function highlightLine(line: string): Token[] {
  const out: Token[] = [];
  if (/^(---|\.\.\.)\s*$/.test(line)) return [{ kind: 'marker', text: line }];
  const [body, comment] = splitComment(line);
  const m = body.match(/^(\s*)((?:-\s+)*)(?:((?:"[^"]*"|'[^']*'|[^\s:#'"][^:#]*?)\s*)(:)(?=\s|$))?(.*)$/);
  if (!m) return [{ kind: 'text', text: line }];
  const [, indent = '', dashes = '', key, colon, rest = ''] = m;
  if (indent) out.push({ kind: 'text', text: indent });
  if (dashes) out.push({ kind: 'punct', text: dashes });
  if (key !== undefined && colon) {
    const keyText = body.slice(indent.length + dashes.length, body.indexOf(':', indent.length + dashes.length + key.trimEnd().length));
    out.push({ kind: 'key', text: keyText }, { kind: 'punct', text: ':' });
  }
  if (rest) {
    const lead = rest.match(/^\s*/)![0];
    if (lead) out.push({ kind: 'text', text: lead });
    const value = rest.slice(lead.length);
    if (value) out.push({ kind: scalar(value), text: value });
  }
  if (comment) out.push({ kind: 'comment', text: comment });
  return out;
}
