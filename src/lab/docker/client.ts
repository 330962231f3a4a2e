// The one place that opens a connection to the Docker engine.
import Docker from 'dockerode';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolveDockerEndpoint, type DockerEndpoint } from './endpoint';

export function currentEndpoint(): DockerEndpoint {
  return resolveDockerEndpoint({
    env: process.env,
    platform: process.platform,
    homedir: homedir(),
    readFile(path) {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
  });
}

export function connectDocker(endpoint: DockerEndpoint = currentEndpoint()): Docker {
  if (endpoint.socketPath) return new Docker({ socketPath: endpoint.socketPath });
  return new Docker({ protocol: endpoint.protocol, host: endpoint.host, port: endpoint.port });
}
