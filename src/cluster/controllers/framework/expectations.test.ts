import { describe, expect, it } from 'vitest';
import { Expectations } from './expectations';

describe('Expectations', () => {
  it('holds a controller back until every expected create and delete was seen', () => {
    const e = new Expectations(() => 0);
    expect(e.satisfied('rs')).toBe(true);
    e.expectCreations('rs', 2);
    e.creationObserved('rs');
    expect(e.satisfied('rs')).toBe(false);
    e.creationObserved('rs');
    expect(e.satisfied('rs')).toBe(true);
    e.expectDeletions('rs', ['ns/a', 'ns/b']);
    e.deletionObserved('rs', 'ns/a');
    e.deletionObserved('rs', 'ns/a');
    expect(e.satisfied('rs')).toBe(false);
    e.deletionObserved('rs', 'ns/b');
    expect(e.satisfied('rs')).toBe(true);
  });

  it('gives up waiting after five minutes', () => {
    let t = 0;
    const e = new Expectations(() => t);
    e.expectCreations('rs', 1);
    t = 5 * 60_000 + 1;
    expect(e.satisfied('rs')).toBe(true);
  });
});
