// Lesson text on screen, from the parsed markup (markup.ts): React elements
// only, never HTML from the lesson files.
import { useMemo } from 'react';
import { parseInline, parseMarkup, type Inline } from './markup';

function Inlines({ parts }: { parts: Inline[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.kind === 'text' ? <span key={i}>{p.text}</span> : p.kind === 'code' ? <code key={i}>{p.text}</code> : <strong key={i}><Inlines parts={p.parts} /></strong>,
      )}
    </>
  );
}

export function Markup({ text, inline = false }: { text: string; inline?: boolean }) {
  const blocks = useMemo(() => (inline ? [] : parseMarkup(text)), [text, inline]);
  const parts = useMemo(() => (inline ? parseInline(text) : []), [text, inline]);
  if (inline) return <Inlines parts={parts} />;
  return (
    <div className="markup">
      {blocks.map((b, i) => {
        if (b.kind === 'p') return <p key={i}><Inlines parts={b.parts} /></p>;
        if (b.kind === 'ul' || b.kind === 'ol') {
          const List = b.kind;
          return <List key={i}>{b.items.map((item, j) => <li key={j}><Inlines parts={item} /></li>)}</List>;
        }
        return (
          <table key={i}>
            <thead>
              <tr>{b.head.map((c, j) => <th key={j}><Inlines parts={c} /></th>)}</tr>
            </thead>
            <tbody>
              {b.rows.map((r, j) => (
                <tr key={j}>{r.map((c, k) => <td key={k}><Inlines parts={c} /></td>)}</tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </div>
  );
}
