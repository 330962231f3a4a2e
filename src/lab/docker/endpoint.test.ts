import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseDockerHost, resolveDockerEndpoint, type EndpointEnv } from './endpoint';

function env(partial: Partial<EndpointEnv> & { files?: Record<string, string> }): EndpointEnv {
  const files = partial.files ?? {};
  return { env: {}, platform: 'linux', homedir: '/home/u', readFile: (p) => files[p], ...partial };
}

describe('resolveDockerEndpoint', () => {
  it('defaults to the local socket', () => {
    expect(resolveDockerEndpoint(env({})).socketPath).toBe('/var/run/docker.sock');
  });

  it('honours DOCKER_HOST before any context', () => {
    const e = resolveDockerEndpoint(env({ env: { DOCKER_HOST: 'tcp://10.0.0.5:2375', DOCKER_CONTEXT: 'other' } }));
    expect(e).toMatchObject({ protocol: 'http', host: '10.0.0.5', port: 2375 });
  });

  it('follows the current context of ~/.docker/config.json', () => {
    const digest = createHash('sha256').update('room').digest('hex');
    const e = resolveDockerEndpoint(
      env({
        files: {
          '/home/u/.docker/config.json': JSON.stringify({ currentContext: 'room' }),
          [`/home/u/.docker/contexts/meta/${digest}/meta.json`]: JSON.stringify({ Endpoints: { docker: { Host: 'unix:///run/user/1000/docker.sock' } } }),
        },
      }),
    );
    expect(e.socketPath).toBe('/run/user/1000/docker.sock');
    expect(e.daemonSocket).toBe('/run/user/1000/docker.sock');
    expect(e.description).toContain('context room');
  });

  it('says which context is missing', () => {
    expect(() => resolveDockerEndpoint(env({ env: { DOCKER_CONTEXT: 'gone' } }))).toThrow(/context "gone"/);
  });

  it('rejects schemes it cannot use', () => {
    expect(() => parseDockerHost('fd://3')).toThrow(/scheme/);
  });
});
