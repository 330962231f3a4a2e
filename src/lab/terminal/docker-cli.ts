// Finds the docker CLI, which node-pty runs as `docker exec -it`. Without it the
// engine falls back to the Engine API's TTY exec (src/lab/terminal/engine-exec.ts).
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export function findDockerCli(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  if (env.KUBELAB_DOCKER_CLI === 'none') return undefined;
  if (env.KUBELAB_DOCKER_CLI) return env.KUBELAB_DOCKER_CLI;
  const names = platform === 'win32' ? ['docker.exe'] : ['docker'];
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  // Docker Desktop's usual places, for an app started from a dock that has a thin PATH.
  if (platform === 'darwin') dirs.push('/usr/local/bin', '/opt/homebrew/bin', '/Applications/Docker.app/Contents/Resources/bin');
  for (const dir of dirs) for (const name of names) if (existsSync(join(dir, name))) return join(dir, name);
  return undefined;
}
