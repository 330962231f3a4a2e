import { describe, expect, it } from 'vitest';
import { debianMirror } from './mirror';

describe('debianMirror', () => {
  it('reads deb822 sources and skips the security archive', () => {
    const text = [
      'Types: deb',
      'URIs: http://mirror.example/debian-security',
      'Suites: bookworm-security',
      'Components: main',
      '',
      'Types: deb',
      'URIs: http://mirror.example/debian',
      'Suites: bookworm bookworm-updates',
      'Components: main',
    ].join('\n');
    expect(debianMirror([{ path: '/etc/apt/sources.list.d/debian.sources', text }])).toBe('http://mirror.example/debian');
  });

  it('reads one-line sources, with options and comments', () => {
    const text = '# deb http://old.example/debian bookworm main\ndeb [arch=amd64] http://local.example/debian bookworm main contrib\n';
    expect(debianMirror([{ path: '/etc/apt/sources.list', text }])).toBe('http://local.example/debian');
  });

  it('ignores other suites and third-party repositories', () => {
    const text = 'deb http://x.example/debian bullseye main\ndeb https://packages.example/apt cloud-sdk main\n';
    expect(debianMirror([{ path: '/etc/apt/sources.list', text }])).toBeUndefined();
  });

  it('ignores disabled stanzas', () => {
    const text = 'Enabled: no\nTypes: deb\nURIs: http://x.example/debian\nSuites: bookworm\n';
    expect(debianMirror([{ path: '/etc/apt/sources.list.d/a.sources', text }])).toBeUndefined();
  });
});
