import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkup } from './markup';

describe('lesson markup', () => {
  it('reads `code` and **bold**, bold holding code', () => {
    expect(parseInline('a `x` **b `y`** c')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'code', text: 'x' },
      { kind: 'text', text: ' ' },
      { kind: 'bold', parts: [{ kind: 'text', text: 'b ' }, { kind: 'code', text: 'y' }] },
      { kind: 'text', text: ' c' },
    ]);
    expect(parseInline('a ` lone')).toEqual([{ kind: 'text', text: 'a ` lone' }]);
    expect(parseInline('<b>not html</b>')).toEqual([{ kind: 'text', text: '<b>not html</b>' }]);
  });

  it('splits paragraphs, lists and tables', () => {
    const blocks = parseMarkup('One\nline.\n\n- a\n- `b`\n\n1. **x**\n2. y\n\n| | A |\n|---|---|\n| r | `c` |\n');
    expect(blocks.map((b) => b.kind)).toEqual(['p', 'ul', 'ol', 'table']);
    expect(blocks[0]).toEqual({ kind: 'p', parts: [{ kind: 'text', text: 'One line.' }] });
    expect(blocks[1]).toMatchObject({ items: [[{ text: 'a' }], [{ kind: 'code', text: 'b' }]] });
    const table = blocks[3] as Extract<(typeof blocks)[number], { kind: 'table' }>;
    expect(table.head).toEqual([[], [{ kind: 'text', text: 'A' }]]);
    expect(table.rows).toEqual([[[{ kind: 'text', text: 'r' }], [{ kind: 'code', text: 'c' }]]]);
  });

  it('keeps a paragraph that runs into a list apart from it', () => {
    expect(parseMarkup('Intro:\n- a\n- b').map((b) => b.kind)).toEqual(['p', 'ul']);
  });
});
