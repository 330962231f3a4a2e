// kubelab up [--json]
import { currentEndpoint } from '../../docker/client';
import { labUp } from '../../lab/up';
import { labStatus } from '../../lab/status';
import { parseFlags, type Command } from '../command';
import { terminalProgress } from '../progress';
import { requireDocker } from './docker-ready';
import { apiPort, labName } from './lab-options';

export const upCommand: Command = {
  usage: 'up [--json]',
  summary: 'create or start the lab; waits until ready',
  async run(args) {
    const { flags } = parseFlags(args, ['json']);
    const docker = await requireDocker();
    const progress = terminalProgress();
    const started = performance.now();
    try {
      const result = await labUp(docker, { lab: labName(), apiPort: apiPort(), dockerSocket: currentEndpoint().daemonSocket, progress });
      const status = await labStatus(docker, labName(), apiPort());
      const seconds = (performance.now() - started) / 1000;
      if (flags.has('json')) console.log(JSON.stringify({ ...status, seconds, timings: result.timings, cluster: result.cluster }, null, 2));
      else {
        progress.end();
        for (const h of status.hosts) console.log(`${h.name.padEnd(8)} ${h.ip.padEnd(14)} ${h.ready ? 'ready' : h.state}`);
        if (result.cluster) console.log(`nodes Ready ${result.cluster.nodesReady}/${result.cluster.nodes}, kube-system pods running ${result.cluster.systemPodsRunning}/${result.cluster.systemPods}`);
        console.log(`lab is up (${seconds.toFixed(1)} s). Try: kubelab shell master`);
      }
      return 0;
    } finally {
      progress.end();
    }
  },
};
