// kubelab kubeconfig: a kubeconfig for the desktop's own kubectl (or Lens, Headlamp).
import type { Command } from '../command';
import { desktopKubeconfig } from '../../lab/kubeconfig';
import { apiPort, labName } from './lab-options';

export const kubeconfigCommand: Command = {
  usage: 'kubeconfig',
  summary: "kubeconfig for the desktop's own kubectl",
  async run() {
    process.stdout.write(desktopKubeconfig(labName(), apiPort()));
    return 0;
  },
};
