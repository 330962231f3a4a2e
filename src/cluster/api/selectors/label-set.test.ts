// labels.FormatLabels / Set.String / SelectorFromSet (apimachinery pkg/labels/labels.go).

import { describe, expect, it } from 'vitest';
import { formatLabels, labelSetString, selectorFromSet } from './label-set';

describe('label sets', () => {
  it('prints sorted k=v pairs, <none> when empty', () => {
    expect(formatLabels({ run: 'webui', app: 'nginx' })).toBe('app=nginx,run=webui');
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabels(undefined)).toBe('<none>');
    expect(labelSetString({})).toBe('');
  });

  it('selectorFromSet matches exactly the set, and everything when empty', () => {
    const s = selectorFromSet({ app: 'webui', tier: 'web' });
    expect(s.toString()).toBe('app=webui,tier=web');
    expect(s.matches({ app: 'webui', tier: 'web', extra: 'x' })).toBe(true);
    expect(s.matches({ app: 'webui' })).toBe(false);
    expect(selectorFromSet({}).empty()).toBe(true);
    expect(selectorFromSet(undefined).matches({ anything: 'x' })).toBe(true);
  });
});
