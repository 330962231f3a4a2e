// The little markup lesson texts use (resources/lessons/SCHEMA.md): paragraphs,
// "- " and "1. " lists, | tables |, and inline `code` and **bold**. Parsed
// into plain data so the panel renders it as React elements — lesson text is
// never handed to the page as HTML. Pure.

export type Inline = { kind: 'text'; text: string } | { kind: 'code'; text: string } | { kind: 'bold'; parts: Inline[] };

export type Block =
  | { kind: 'p'; parts: Inline[] }
  | { kind: 'ul'; items: Inline[][] }
  | { kind: 'ol'; items: Inline[][] }
  | { kind: 'table'; head: Inline[][]; rows: Inline[][][] };

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push({ kind: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    if (text[i] === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i) {
        flush();
        out.push({ kind: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (text.startsWith('**', i)) {
      const end = text.indexOf('**', i + 2);
      if (end > i + 2) {
        flush();
        out.push({ kind: 'bold', parts: parseInline(text.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    plain += text[i++];
  }
  flush();
  return out;
}

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => parseInline(c.trim()));

const isRule = (line: string) => /^\|?(\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*\|?$/.test(line.trim());

export function parseMarkup(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.trim().split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    if (lines.every((l) => l.trim().startsWith('|'))) {
      const rows = lines.filter((l) => !isRule(l)).map(cells);
      blocks.push({ kind: 'table', head: rows[0] ?? [], rows: rows.slice(1) });
      continue;
    }
    const bullet = /^\s*-\s+/;
    const numbered = /^\s*\d+\.\s+/;
    const list = lines.every((l) => bullet.test(l)) ? bullet : lines.every((l) => numbered.test(l)) ? numbered : undefined;
    if (list) {
      const items = lines.map((l) => parseInline(l.replace(list, '')));
      blocks.push(list === bullet ? { kind: 'ul', items } : { kind: 'ol', items });
      continue;
    }
    // A paragraph that runs into a list: the paragraph, then the list.
    const first = lines.findIndex((l) => bullet.test(l) || numbered.test(l));
    if (first > 0 && lines.slice(first).every((l) => bullet.test(l)) ) {
      blocks.push({ kind: 'p', parts: parseInline(lines.slice(0, first).join(' ')) });
      blocks.push({ kind: 'ul', items: lines.slice(first).map((l) => parseInline(l.replace(bullet, ''))) });
      continue;
    }
    blocks.push({ kind: 'p', parts: parseInline(lines.map((l) => l.trim()).join(' ')) });
  }
  return blocks;
}
