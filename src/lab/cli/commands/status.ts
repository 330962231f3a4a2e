// kubelab status [--json]
import { labStatus } from '../../lab/status';
import { parseFlags, type Command } from '../command';
import { requireDocker } from './docker-ready';
import { apiPort, labName } from './lab-options';

export const statusCommand: Command = {
  usage: 'status [--json]',
  summary: 'what the lab is doing',
  async run(args) {
    const { flags } = parseFlags(args, ['json']);
    const docker = await requireDocker();
    const status = await labStatus(docker, labName(), apiPort());
    if (flags.has('json')) {
      console.log(JSON.stringify(status, null, 2));
      return 0;
    }
    console.log(`lab ${status.lab}: ${status.state}   image ${status.image}`);
    for (const h of status.hosts) console.log(`  ${h.name.padEnd(8)} ${h.ip.padEnd(14)} ${h.ready ? 'ready' : h.state}`);
    if (status.state === 'running') console.log(`  API server: ${status.apiServer} (kubelab kubeconfig)`);
    if (status.cluster) console.log(`  nodes Ready ${status.cluster.nodesReady}/${status.cluster.nodes}, kube-system pods running ${status.cluster.systemPodsRunning}/${status.cluster.systemPods}`);
    return 0;
  },
};
