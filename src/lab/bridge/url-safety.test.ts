import { describe, expect, it } from 'vitest';
import { safeExternalUrl } from './url-safety';

describe('safeExternalUrl', () => {
  it('lets plain http and https links through, normalised', () => {
    expect(safeExternalUrl('https://kubernetes.io/docs/concepts/services-networking/service/')).toBe('https://kubernetes.io/docs/concepts/services-networking/service/');
    expect(safeExternalUrl('http://10.100.0.102:30200')).toBe('http://10.100.0.102:30200/');
  });

  it('refuses every other scheme', () => {
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'vscode://x', 'data:text/html,hi', 'ftp://x.example/']) {
      expect(safeExternalUrl(bad)).toBeUndefined();
    }
  });

  it('refuses credentials in the URL and text that is not a URL', () => {
    expect(safeExternalUrl('https://bank.example@evil.example/')).toBeUndefined();
    expect(safeExternalUrl('not a url')).toBeUndefined();
    expect(safeExternalUrl(`https://x.example/${'a'.repeat(3000)}`)).toBeUndefined();
  });
});
