// Waiting for the cluster inside the lab: every node Ready and every
// kube-system pod Running and ready, asked of the API server through the
// desktop's published port.
import http from 'node:http';
import type { ProgressSink } from '../../shared/engine';

export interface ClusterHealth {
  nodes: number;
  nodesReady: number;
  systemPods: number;
  systemPodsRunning: number;
}

interface Item {
  metadata?: { name?: string };
  status?: { phase?: string; conditions?: { type: string; status: string }[] };
}

function getJSON(port: number, path: string, timeoutMs = 2000): Promise<{ items?: Item[] }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, timeout: timeoutMs, headers: { accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`${path}: ${res.statusCode}`));
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString()) as { items?: Item[] });
        } catch (err) {
          reject(err as Error);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

const ready = (i: Item) => i.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

export async function clusterHealth(port: number): Promise<ClusterHealth> {
  const [nodes, pods] = await Promise.all([getJSON(port, '/api/v1/nodes'), getJSON(port, '/api/v1/namespaces/kube-system/pods')]);
  const n = nodes.items ?? [];
  const p = pods.items ?? [];
  return {
    nodes: n.length,
    nodesReady: n.filter(ready).length,
    systemPods: p.length,
    systemPodsRunning: p.filter((x) => x.status?.phase === 'Running' && ready(x)).length,
  };
}

/** True when the lab's three nodes are Ready and all system pods run. */
export function healthy(h: ClusterHealth, expectedNodes = 3): boolean {
  return h.nodesReady >= expectedNodes && h.systemPods > 0 && h.systemPodsRunning === h.systemPods;
}

export async function waitForCluster(port: number, timeoutMs: number, progress: ProgressSink): Promise<ClusterHealth | undefined> {
  const deadline = Date.now() + timeoutMs;
  let last: ClusterHealth | undefined;
  while (Date.now() < deadline) {
    try {
      last = await clusterHealth(port);
      progress({ task: 'up', step: 'cluster', message: `nodes ready ${last.nodesReady}/${last.nodes}, system pods running ${last.systemPodsRunning}/${last.systemPods}` });
      if (healthy(last)) return last;
    } catch {
      // the API server is still starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return last;
}
