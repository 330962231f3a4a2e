// Read-only highlighted YAML. Lines are plain text runs ending in "\n" (no
// block wrappers), so the highlight lines up exactly with a textarea over it.
import { Fragment } from 'react';
import { highlightLine } from './yaml-highlight';

export function YamlLines({ text }: { text: string }) {
  return (
    <>
      {text.split('\n').map((line, i, all) => (
        <Fragment key={i}>
          {highlightLine(line).map((tok, j) => (
            <span key={j} className={`y-${tok.kind}`}>
              {tok.text}
            </span>
          ))}
          {i < all.length - 1 ? '\n' : ' '}
        </Fragment>
      ))}
    </>
  );
}

export function YamlView({ text }: { text: string }) {
  return (
    <pre className="yaml" data-testid="yaml">
      <YamlLines text={text} />
    </pre>
  );
}
