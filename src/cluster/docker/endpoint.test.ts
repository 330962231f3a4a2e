import { describe, expect, it } from 'vitest';
import { splitReference } from './client';
import { parseDockerEndpoint } from './endpoint';
import { buildPath } from './transport';

describe('Docker endpoint and paths', () => {
  it('reads the kubelet’s runtime endpoint forms', () => {
    expect(parseDockerEndpoint(undefined)).toEqual({ socketPath: '/var/run/docker.sock' });
    expect(parseDockerEndpoint('unix:///var/run/docker.sock')).toEqual({ socketPath: '/var/run/docker.sock' });
    expect(parseDockerEndpoint('tcp://10.0.0.5:2376')).toEqual({ host: '10.0.0.5', port: 2376 });
    expect(() => parseDockerEndpoint('npipe:////./pipe/docker_engine')).toThrow(/unsupported/);
  });

  it('pins API 1.41 and encodes booleans as Docker expects', () => {
    expect(buildPath('/containers/json', { all: true, filters: '{"label":["a=b"]}', skip: undefined })).toBe('/v1.41/containers/json?all=1&filters=%7B%22label%22%3A%5B%22a%3Db%22%5D%7D');
  });

  it('splits image references for pulls', () => {
    expect(splitReference('nginx:1.14')).toEqual({ name: 'nginx', tag: '1.14' });
    expect(splitReference('localhost:5000/app')).toEqual({ name: 'localhost:5000/app', tag: 'latest' });
    expect(splitReference('nginx@sha256:abc')).toEqual({ name: 'nginx@sha256:abc', tag: undefined });
  });
});
