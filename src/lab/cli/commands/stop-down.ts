// kubelab stop | down
import { labDown, labStop } from '../../lab/stop';
import type { Command } from '../command';
import { terminalProgress } from '../progress';
import { requireDocker } from './docker-ready';
import { labName } from './lab-options';

export const stopCommand: Command = {
  usage: 'stop',
  summary: 'stop the lab, keeping everything',
  async run() {
    const docker = await requireDocker();
    const progress = terminalProgress();
    const n = await labStop(docker, labName(), progress);
    progress.end();
    console.log(n ? `stopped (${n} containers). \`kubelab up\` starts it again.` : 'nothing was running');
    return 0;
  },
};

export const downCommand: Command = {
  usage: 'down',
  summary: 'remove everything the lab created (not the image)',
  async run() {
    const docker = await requireDocker();
    const progress = terminalProgress();
    const removed = await labDown(docker, labName(), progress);
    progress.end();
    console.log(`removed ${removed.containers} containers, ${removed.networks} networks, ${removed.volumes} volumes`);
    return 0;
  },
};
