import { describe, expect, it } from 'vitest';
import { resolveStatic } from './static';

describe('resolveStatic', () => {
  it('maps / to index.html and assets inside the root', () => {
    expect(resolveStatic('/app/out/renderer', '/')).toBe('/app/out/renderer/index.html');
    expect(resolveStatic('/app/out/renderer', '/assets/index-abc.js?v=1')).toBe('/app/out/renderer/assets/index-abc.js');
  });

  it('never leaves the root', () => {
    for (const evil of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fpackage.json', '/a%00b', '/%E0%A4%A']) {
      const r = resolveStatic('/app/out/renderer', evil);
      expect(r === undefined || r.startsWith('/app/out/renderer/')).toBe(true);
    }
    expect(resolveStatic('/app/out/renderer', '/../../etc/passwd')).toBeUndefined();
    expect(resolveStatic('/app/out/renderer', '/%2e%2e/%2e%2e/etc/passwd')).toBeUndefined();
    expect(resolveStatic('/app/out/renderer', '/a%00b')).toBeUndefined();
  });
});
