// kubelab shell HOST: an interactive login shell in a host, like `docker exec -it`.
import type { Command } from '../command';
import { interactiveExec } from '../../docker/interactive';
import { requireDocker } from './docker-ready';
import { hostContainer } from './lab-options';

export const shellCommand: Command = {
  usage: 'shell HOST',
  summary: 'interactive shell in a host',
  async run(args) {
    const container = hostContainer(args[0]);
    const docker = await requireDocker();
    return interactiveExec(docker, container, ['bash', '-l']);
  },
};
