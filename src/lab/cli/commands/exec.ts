// kubelab exec HOST -- CMD...   (the command's exit code passes through)
import { execIn } from '../../docker/exec';
import { UsageError, type Command } from '../command';
import { requireDocker } from './docker-ready';
import { hostContainer } from './lab-options';

export const execCommand: Command = {
  usage: 'exec HOST -- CMD...',
  summary: 'run a command in a host',
  async run(args) {
    const dash = args.indexOf('--');
    const host = args[0];
    const cmd = dash >= 0 ? args.slice(dash + 1) : args.slice(1);
    if (cmd.length === 0) throw new UsageError('which command?');
    const container = hostContainer(host);
    const docker = await requireDocker();
    const result = await execIn(docker, container, cmd, {
      // Piped input goes to the command (e.g. `kubectl apply -f -`); a terminal does not.
      stdin: process.stdin.isTTY ? undefined : process.stdin,
      onStdout: (c) => process.stdout.write(c),
      onStderr: (c) => process.stderr.write(c),
    });
    return result.exitCode;
  },
};
