// Registering the Node and keeping it alive: status every 10 s (the kubelet's
// nodeStatusUpdateFrequency), which the node lifecycle controller watches.
import type { Node } from '../api/types';
import { isAlreadyExists, isNotFound, R, type RestClient } from '../client/rest';
import { nodeObject, nodeStatus, type NodeFacts } from './node-object';

/** How often the node reports that it is alive (the lab serves no Leases: status is the heartbeat). */
export const NODE_STATUS_INTERVAL_MS = 10_000;

function rfc3339(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z');
}

export class NodeSync {
  uid?: string;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly client: RestClient,
    private readonly facts: NodeFacts,
    private readonly log: (line: string) => void,
  ) {}

  async register(): Promise<Node> {
    for (;;) {
      try {
        const created = await this.client.create<Node>(R.nodes, undefined, nodeObject(this.facts, rfc3339(new Date())));
        this.uid = created.metadata.uid;
        this.log(`Successfully registered node ${this.facts.name}`);
        return created;
      } catch (err) {
        if (isAlreadyExists(err)) {
          const node = await this.updateStatus();
          this.uid = node.metadata.uid;
          return node;
        }
        this.log(`Unable to register node with API server: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  async updateStatus(): Promise<Node> {
    const current = await this.client.get<Node>(R.nodes, undefined, this.facts.name);
    const now = rfc3339(new Date());
    const next: Node = { ...current, status: { ...current.status, ...nodeStatus(this.facts, now, current.status?.conditions) } };
    // A node object recreated by hand (or after `kubectl delete node`) gets our labels and taints back.
    next.metadata = { ...current.metadata, labels: { ...nodeObject(this.facts, now).metadata.labels, ...current.metadata.labels } };
    return this.client.update<Node>(R.nodes, next, 'status');
  }

  start(): void {
    const beat = async () => {
      try {
        await this.updateStatus();
      } catch (err) {
        if (isNotFound(err)) await this.register().catch(() => undefined);
        else this.log(`Error updating node status: ${(err as Error).message}`);
      }
    };
    void beat();
    this.timer = setInterval(() => void beat(), NODE_STATUS_INTERVAL_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
