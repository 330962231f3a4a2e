// Every command that needs Docker starts here: connect, check, or explain.
import type Docker from 'dockerode';
import { checkDocker } from '../../docker/check';
import { connectDocker, currentEndpoint } from '../../docker/client';

export class DockerNotReady extends Error {}

export async function requireDocker(): Promise<Docker> {
  const endpoint = currentEndpoint();
  const docker = connectDocker(endpoint);
  const check = await checkDocker(docker, endpoint);
  if (check.state !== 'ok') {
    throw new DockerNotReady([check.message, ...check.fixes.map((f) => `  ${f}`)].join('\n'));
  }
  return docker;
}
