// Keeps the mirror pods of this host's components in the API: created when
// missing, their status refreshed when a process restarts or dies.
import type { Pod } from '../api/types';
import { isAlreadyExists, isNotFound, R, type RestClient } from '../client/rest';
import { mirrorPod, type ComponentProcess, type MirrorContext } from './mirror';
import { readComponent } from './processes';

const INTERVAL_MS = 3000;

export class MirrorPods {
  private readonly seen = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  private readonly processes = new Map<string, ComponentProcess>();
  private readonly written = new Map<string, string>();

  constructor(
    private readonly client: RestClient,
    private readonly ctx: Omit<MirrorContext, 'seen' | 'nodeUID'> & { nodeUID: () => string | undefined },
    private readonly components: string[],
    private readonly log: (line: string) => void,
  ) {}

  start(): void {
    const tick = () => void this.sync().catch((err: Error) => this.log(`mirror pods: ${err.message}`));
    tick();
    setInterval(tick, INTERVAL_MS);
  }

  private async sync(): Promise<void> {
    for (const name of this.components) {
      const process = readComponent(name, this.processes.get(name));
      this.processes.set(name, process);
      const pod = mirrorPod(process, { ...this.ctx, nodeUID: this.ctx.nodeUID(), seen: this.seen });
      const text = JSON.stringify(pod.status);
      if (this.written.get(name) === text) continue;
      await this.write(pod);
      this.written.set(name, text);
    }
  }

  private async write(pod: Pod): Promise<void> {
    const { namespace, name } = pod.metadata;
    let current: Pod;
    try {
      current = await this.client.get<Pod>(R.pods, namespace, name!);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      try {
        current = await this.client.create<Pod>(R.pods, namespace, { ...pod, status: undefined } as unknown as Pod);
      } catch (createErr) {
        if (!isAlreadyExists(createErr)) throw createErr;
        current = await this.client.get<Pod>(R.pods, namespace, name!);
      }
    }
    await this.client.update<Pod>(R.pods, { ...current, status: pod.status }, 'status');
  }
}
