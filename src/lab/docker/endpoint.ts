// Where the Docker engine is, found the way the docker CLI finds it:
// DOCKER_HOST first, then the active context (DOCKER_CONTEXT or the config's
// currentContext), then the platform's default socket. Pure apart from the
// injected file reader, so it is tested without a home directory.
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export interface DockerEndpoint {
  /** As dockerode takes it. */
  socketPath?: string;
  protocol?: 'http' | 'https' | 'ssh';
  host?: string;
  port?: number;
  /** Human-readable, for messages. */
  description: string;
  /** The Docker socket path as the daemon's machine sees it, for mounting into kubelet hosts. */
  daemonSocket: string;
}

export interface EndpointEnv {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  homedir: string;
  readFile(path: string): string | undefined;
}

const DEFAULT_LINUX_SOCKET = '/var/run/docker.sock';

export function parseDockerHost(value: string): DockerEndpoint {
  const url = new URL(value);
  switch (url.protocol) {
    case 'unix:':
      return { socketPath: url.pathname, description: value, daemonSocket: url.pathname };
    case 'npipe:':
      return { socketPath: `//./pipe/${url.pathname.replace(/^\/+(\.\/pipe\/)?/, '').replace(/^pipe\//, '')}`, description: value, daemonSocket: DEFAULT_LINUX_SOCKET };
    case 'tcp:':
    case 'http:':
    case 'https:':
      return {
        protocol: url.protocol === 'https:' ? 'https' : 'http',
        host: url.hostname,
        port: Number(url.port || (url.protocol === 'https:' ? 2376 : 2375)),
        description: value,
        daemonSocket: DEFAULT_LINUX_SOCKET,
      };
    case 'ssh:':
      return { protocol: 'ssh', host: url.hostname, port: Number(url.port || 22), description: value, daemonSocket: DEFAULT_LINUX_SOCKET };
    default:
      throw new Error(`DOCKER_HOST ${value} uses a scheme KubeLab does not understand (unix, tcp, ssh, npipe)`);
  }
}

function contextHost(name: string, e: EndpointEnv): string | undefined {
  // The docker CLI stores a context's metadata under the sha256 of its name.
  const digest = createHash('sha256').update(name).digest('hex');
  const meta = e.readFile(join(e.homedir, '.docker', 'contexts', 'meta', digest, 'meta.json'));
  if (!meta) throw new Error(`Docker context "${name}" is selected but not found in ~/.docker/contexts`);
  const parsed = JSON.parse(meta) as { Endpoints?: { docker?: { Host?: string } } };
  return parsed.Endpoints?.docker?.Host;
}

export function resolveDockerEndpoint(e: EndpointEnv): DockerEndpoint {
  const fromEnv = e.env.DOCKER_HOST;
  if (fromEnv) return parseDockerHost(fromEnv);
  let context = e.env.DOCKER_CONTEXT;
  if (!context) {
    const config = e.readFile(join(e.env.DOCKER_CONFIG ?? join(e.homedir, '.docker'), 'config.json'));
    if (config) {
      try {
        context = (JSON.parse(config) as { currentContext?: string }).currentContext;
      } catch {
        // A broken config.json does not stop the docker CLI either; it falls back to the default.
      }
    }
  }
  if (context && context !== 'default') {
    const host = contextHost(context, e);
    if (host) return { ...parseDockerHost(host), description: `${host} (context ${context})` };
  }
  if (e.platform === 'win32') return { socketPath: '//./pipe/docker_engine', description: 'npipe:////./pipe/docker_engine', daemonSocket: DEFAULT_LINUX_SOCKET };
  return { socketPath: DEFAULT_LINUX_SOCKET, description: `unix://${DEFAULT_LINUX_SOCKET}`, daemonSocket: DEFAULT_LINUX_SOCKET };
}
