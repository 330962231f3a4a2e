// The table of `kubelab` subcommands. Each lives in its own file.
import type { Command } from '../command';
import { dnsCommand } from './dns';
import { execCommand } from './exec';
import { imageCommand } from './image';
import { kubeconfigCommand } from './kubeconfig';
import { lessonCommand } from './lesson';
import { proxyRulesCommand } from './proxy-rules';
import { resetCommand } from './reset';
import { serveCommand, startCommand } from './serve';
import { shellCommand } from './shell';
import { statusCommand } from './status';
import { downCommand, stopCommand } from './stop-down';
import { upCommand } from './up';

export const commands: Record<string, Command> = {
  image: imageCommand,
  up: upCommand,
  status: statusCommand,
  exec: execCommand,
  shell: shellCommand,
  kubeconfig: kubeconfigCommand,
  reset: resetCommand,
  stop: stopCommand,
  down: downCommand,
  'proxy-rules': proxyRulesCommand,
  dns: dnsCommand,
  serve: serveCommand,
  start: startCommand,
  lesson: lessonCommand,
};
