import { describe, expect, it } from 'vitest';
import { defaultPullPolicy, parseImageRef } from './image';

// SetDefaults_Container (pkg/apis/core/v1/defaults.go) with parsers.ParseImageName.
describe('imagePullPolicy default', () => {
  it('is Always for latest or no tag, IfNotPresent otherwise', () => {
    expect(defaultPullPolicy('nginx')).toBe('Always');
    expect(defaultPullPolicy('nginx:latest')).toBe('Always');
    expect(defaultPullPolicy('nginx:1.14')).toBe('IfNotPresent');
    expect(defaultPullPolicy('localhost:5000/team/nginx')).toBe('Always');
    expect(defaultPullPolicy('localhost:5000/team/nginx:1.22')).toBe('IfNotPresent');
  });

  it('treats a digest without a tag as untagged, and a bad reference as untagged', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(defaultPullPolicy(`nginx@${digest}`)).toBe('IfNotPresent');
    expect(defaultPullPolicy(`nginx:latest@${digest}`)).toBe('Always');
    expect(defaultPullPolicy('Nginx')).toBe('IfNotPresent');
    expect(parseImageRef('nginx:1.14')).toEqual({ tag: '1.14', digest: '' });
  });
});
