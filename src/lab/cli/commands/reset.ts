// kubelab reset: back to an empty cluster, hosts kept (DESIGN.md §6). The
// lesson's progress is left alone; `kubelab lesson reset-lab` clears it too.
import { LiveLab } from '../../lessons/live-access';
import { loadManifests } from '../../lessons/manifests';
import { resetLab } from '../../lessons/reset';
import { parseFlags, type Command } from '../command';
import { requireDocker } from './docker-ready';
import { apiPort, labName } from './lab-options';

export const resetCommand: Command = {
  usage: 'reset [--json]',
  summary: 'back to an empty cluster, hosts kept',
  async run(args) {
    const { flags } = parseFlags(args, ['json']);
    const docker = await requireDocker();
    const report = await resetLab(new LiveLab(docker, labName(), `http://127.0.0.1:${apiPort()}`), loadManifests());
    if (flags.has('json')) console.log(JSON.stringify({ ...report, pending: report.pending.map((p) => p.en) }, null, 2));
    else {
      for (const line of report.did) console.log(`  ${line}`);
      console.log(report.settled ? `the cluster is empty again (${report.ms} ms)` : `still waiting after ${report.ms} ms for: ${report.pending.map((p) => p.en).join('; ')}`);
    }
    return report.settled ? 0 : 1;
  },
};
