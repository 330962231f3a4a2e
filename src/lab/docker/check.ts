// Is a usable Docker engine there? One clear answer with what to do about it.
import type Docker from 'dockerode';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { DockerCheck } from '../../shared/engine';
import type { DockerEndpoint } from './endpoint';

/** Docker 20.10 (API 1.41) is the oldest engine the network recipe was proven on. */
export const MIN_API_VERSION = '1.41';

export function apiAtLeast(version: string, min: string): boolean {
  const [a1 = 0, a2 = 0] = version.split('.').map(Number);
  const [b1 = 0, b2 = 0] = min.split('.').map(Number);
  return a1 > b1 || (a1 === b1 && a2 >= b2);
}

function onPath(binary: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, binary)));
}

function installFixes(platform: NodeJS.Platform): string[] {
  if (platform === 'linux') return ['sudo apt-get install -y docker.io   # Debian / Ubuntu', 'sudo systemctl start docker   # or: sudo dockerd &'];
  return ['Install Docker Desktop from docker.com and start it'];
}

function startFixes(platform: NodeJS.Platform): string[] {
  if (platform === 'linux') return ['sudo systemctl start docker', 'or, without systemd: sudo dockerd > /var/log/dockerd.log 2>&1 &'];
  return ['Start Docker Desktop and wait until it says it is running'];
}

/** Turns what the connection attempt said into a diagnosis. Pure, for tests. */
export function diagnose(endpoint: DockerEndpoint, error: NodeJS.ErrnoException | undefined, version: { Version?: string; ApiVersion?: string } | undefined, env: { platform: NodeJS.Platform; dockerInstalled: boolean }): DockerCheck {
  const where = endpoint.description;
  if (!error && version) {
    const api = version.ApiVersion ?? '0';
    if (!apiAtLeast(api, MIN_API_VERSION)) {
      return {
        state: 'too-old',
        endpoint: where,
        version: version.Version,
        apiVersion: api,
        message: `Docker ${version.Version} (API ${api}) is too old: KubeLab needs Docker 20.10 (API ${MIN_API_VERSION}) or newer.`,
        fixes: env.platform === 'linux' ? ['sudo apt-get install -y docker.io   # Debian 12 / Ubuntu 22.04 ship 20.10 or newer'] : ['Update Docker Desktop'],
      };
    }
    return { state: 'ok', endpoint: where, version: version.Version, apiVersion: api, message: `Docker ${version.Version} is running.`, fixes: [] };
  }
  const code = error?.code;
  if (code === 'EACCES' || code === 'EPERM') {
    return {
      state: 'permission',
      endpoint: where,
      message: `Docker is running, but this user may not use it (permission denied on ${where}).`,
      fixes: ['sudo usermod -aG docker "$USER"   # then log out and back in', 'or run KubeLab as a user in the docker group'],
    };
  }
  if ((code === 'ENOENT' || code === 'ECONNREFUSED') && endpoint.socketPath && !env.dockerInstalled) {
    return { state: 'missing', endpoint: where, message: 'Docker is not installed on this machine.', fixes: installFixes(env.platform) };
  }
  if (code === 'ENOENT' || code === 'ECONNREFUSED') {
    return { state: 'stopped', endpoint: where, message: `Docker is installed but not running (nothing answers at ${where}).`, fixes: startFixes(env.platform) };
  }
  return {
    state: 'unreachable',
    endpoint: where,
    message: `The Docker engine at ${where} did not answer: ${error?.message ?? 'no version reported'}.`,
    fixes: ['Check DOCKER_HOST and `docker context ls`', ...startFixes(env.platform)],
  };
}

export async function checkDocker(docker: Docker, endpoint: DockerEndpoint): Promise<DockerCheck> {
  const env = { platform: process.platform, dockerInstalled: onPath('docker') || onPath('dockerd') || onPath('docker.exe') };
  try {
    const version = (await withTimeout(docker.version(), 5000)) as { Version?: string; ApiVersion?: string };
    return diagnose(endpoint, undefined, version, env);
  } catch (err) {
    return diagnose(endpoint, err as NodeJS.ErrnoException, undefined, env);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms / 1000} s`), { code: 'ETIMEDOUT' })), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
