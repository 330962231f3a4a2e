import { describe, expect, it } from 'vitest';
import { apiAtLeast, diagnose } from './check';

const socket = { socketPath: '/var/run/docker.sock', description: 'unix:///var/run/docker.sock', daemonSocket: '/var/run/docker.sock' };
const linux = { platform: 'linux' as const, dockerInstalled: true };
const err = (code: string) => Object.assign(new Error(code), { code });

describe('diagnose', () => {
  it('accepts Docker 20.10', () => {
    expect(diagnose(socket, undefined, { Version: '20.10.24', ApiVersion: '1.41' }, linux).state).toBe('ok');
  });
  it('refuses engines older than API 1.41 and says which version is needed', () => {
    const c = diagnose(socket, undefined, { Version: '19.03.1', ApiVersion: '1.40' }, linux);
    expect(c.state).toBe('too-old');
    expect(c.message).toContain('20.10');
  });
  it('tells a stopped engine from a missing one', () => {
    expect(diagnose(socket, err('ENOENT'), undefined, linux).state).toBe('stopped');
    expect(diagnose(socket, err('ECONNREFUSED'), undefined, linux).fixes[0]).toContain('systemctl start docker');
    const missing = diagnose(socket, err('ENOENT'), undefined, { platform: 'linux', dockerInstalled: false });
    expect(missing.state).toBe('missing');
    expect(missing.fixes[0]).toContain('apt-get install -y docker.io');
  });
  it('explains a permission problem with the docker group', () => {
    const c = diagnose(socket, err('EACCES'), undefined, linux);
    expect(c.state).toBe('permission');
    expect(c.fixes[0]).toContain('usermod -aG docker');
  });
  it('points Docker Desktop users at Docker Desktop', () => {
    expect(diagnose(socket, err('ENOENT'), undefined, { platform: 'darwin', dockerInstalled: true }).fixes[0]).toContain('Docker Desktop');
  });
});

describe('apiAtLeast', () => {
  it('compares minor versions numerically', () => {
    expect(apiAtLeast('1.41', '1.41')).toBe(true);
    expect(apiAtLeast('1.9', '1.41')).toBe(false);
    expect(apiAtLeast('1.100', '1.41')).toBe(true);
    expect(apiAtLeast('2.0', '1.41')).toBe(true);
  });
});
