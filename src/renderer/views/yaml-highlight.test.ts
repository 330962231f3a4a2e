import { describe, expect, it } from 'vitest';
import { highlightLine } from './yaml-highlight';

const kinds = (line: string) => highlightLine(line).filter((t) => t.text.trim()).map((t) => `${t.kind}:${t.text.trim()}`);

describe('highlightLine', () => {
  it('colours keys, values and comments', () => {
    expect(kinds('  replicas: 3  # three pods')).toEqual(['key:replicas', 'punct::', 'number:3', 'comment:# three pods']);
    expect(kinds('kind: Deployment')).toEqual(['key:kind', 'punct::', 'text:Deployment']);
    expect(kinds('    - name: "web ui"')).toEqual(['punct:-', 'key:name', 'punct::', 'string:"web ui"']);
    expect(kinds('  enabled: true')).toEqual(['key:enabled', 'punct::', 'bool:true']);
  });

  it('keeps every character, so the colours line up with the text being edited', () => {
    for (const line of ['  - containerPort: 80 # http', 'image: nginx:1.14', 'url: "http://x#y" # c', '---', '  - a', '', 'key:']) {
      expect(highlightLine(line).map((t) => t.text).join('')).toBe(line);
    }
  });

  it('does not take a colon inside a value for a key', () => {
    expect(kinds('image: nginx:1.14')).toEqual(['key:image', 'punct::', 'text:nginx:1.14']);
    expect(kinds('--- ')).toEqual(['marker:---']);
  });
});
