// The one place that opens a connection to the Docker engine.
import Docker from 'dockerode';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
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
  // Node's default agent keeps sockets alive; after the engine restarts, the
  // first request would go down a dead one and fail. A socket per request costs
  // little on a local engine and survives Docker restarting under the app.
  // (docker-modem takes `agent`; its type definitions do not list it.)
  const agent = { agent: new Agent({ keepAlive: false }) } as Docker.DockerOptions;
  if (endpoint.socketPath) return new Docker({ socketPath: endpoint.socketPath, ...agent });
  return new Docker({ protocol: endpoint.protocol, host: endpoint.host, port: endpoint.port, ...(endpoint.protocol === 'http' ? agent : {}) });
}
