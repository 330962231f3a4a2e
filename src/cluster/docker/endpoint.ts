// Where the Docker Engine API answers. Inside a node it is the mounted socket
// (the kubelet's --container-runtime-endpoint); tests may point DOCKER_HOST at
// another engine.

export interface DockerEndpoint {
  socketPath?: string;
  host?: string;
  port?: number;
}

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

/** `unix:///var/run/docker.sock`, `/var/run/docker.sock` or `tcp://host:2375`. */
export function parseDockerEndpoint(value: string | undefined): DockerEndpoint {
  if (!value) return { socketPath: DEFAULT_DOCKER_SOCKET };
  if (value.startsWith('/')) return { socketPath: value };
  const url = new URL(value);
  switch (url.protocol) {
    case 'unix:':
      return { socketPath: url.pathname };
    case 'tcp:':
    case 'http:':
      return { host: url.hostname, port: url.port ? Number(url.port) : 2375 };
    default:
      throw new Error(`unsupported Docker endpoint ${value}: use unix:// or tcp://`);
  }
}
