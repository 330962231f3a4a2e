// kube-proxy, iptables mode: watches Services and EndpointSlices and keeps this
// node's nat and filter rules equal to what upstream kube-proxy would write.
import http from 'node:http';
import type { EndpointSlice, Node, Service } from '../api/types';
import { flag, parseComponentFlags } from '../client/flags';
import { Informer } from '../client/informer';
import { readKubeconfig } from '../client/kubeconfig';
import { R, RestClient } from '../client/rest';
import { clearConntrack, ensureHooks, existingChains, restore } from './iptables';
import { NodePortHolder } from './nodeports';
import { buildProxyRules } from './rules/build';
import { hookRules } from './rules/hooks';
import { BoundedFrequencyRunner } from './sync/runner';

const log = (line: string) => console.log(`${new Date().toISOString()} kube-proxy: ${line}`);

/** Endpoint addresses of UDP service ports, to clear conntrack for those that disappear. */
function udpEndpoints(slices: readonly EndpointSlice[]): Set<string> {
  const out = new Set<string>();
  for (const slice of slices) {
    if (!(slice.ports ?? []).some((p) => (p.protocol ?? 'TCP') === 'UDP')) continue;
    for (const ep of slice.endpoints ?? []) for (const a of ep.addresses) out.add(a);
  }
  return out;
}

async function main(): Promise<void> {
  const flags = parseComponentFlags(process.argv.slice(2));
  const client = new RestClient(readKubeconfig(flag(flags, 'kubeconfig')), 'kube-proxy');
  const nodeName = flag(flags, 'hostname-override');
  const clusterCIDR = flag(flags, 'cluster-cidr', '');
  // Older kube-proxy's listening sockets on NodePorts (see nodeports.ts); --kubelab-hold-nodeports=false turns them off.
  const holdNodePorts = flag(flags, 'kubelab-hold-nodeports', 'true') !== 'false';
  let nodeIPs = process.env.KUBELAB_HOST_IP ? [process.env.KUBELAB_HOST_IP] : [];

  const services = new Informer<Service>(client, R.services, { log });
  const slices = new Informer<EndpointSlice>(client, R.endpointslices, { log });
  const holder = new NodePortHolder(log);
  let lastUdp = new Set<string>();
  let hooksEnsured = false;
  let syncs = 0;

  const sync = async () => {
    if (!services.synced || !slices.synced) return;
    const started = performance.now();
    if (!hooksEnsured) {
      await ensureHooks(hookRules());
      hooksEnsured = true;
    }
    const svcs = services.list();
    const eps = slices.list();
    const rules = buildProxyRules({ services: svcs, endpointSlices: eps, nodeName, nodeIPs, clusterCIDR, existingChains: await existingChains('nat') });
    try {
      await restore(rules.payload);
    } catch (err) {
      // Someone may have removed our hooks or chains by hand: re-ensure everything next time.
      hooksEnsured = false;
      log(`sync failed: ${(err as Error).message}`);
      throw err;
    }
    if (holdNodePorts) holder.sync(svcs);
    const udp = udpEndpoints(eps);
    for (const ip of lastUdp) if (!udp.has(ip)) await clearConntrack(ip);
    lastUdp = udp;
    syncs++;
    const ms = performance.now() - started;
    if (syncs <= 3 || ms > 500) log(`synced ${rules.stats.servicePorts} service ports, ${rules.stats.endpoints} endpoints in ${ms.toFixed(0)} ms`);
  };

  const runner = new BoundedFrequencyRunner(sync, { minIntervalMs: 50, maxIntervalMs: 30_000, retryMs: 1000 });
  const changed = { add: () => runner.run(), update: () => runner.run(), delete: () => runner.run(), synced: () => runner.run() };
  services.on(changed).start();
  slices.on(changed).start();

  // The node's addresses come from its Node object once the kubelet has registered it.
  const nodes = new Informer<Node>(client, R.nodes, { fieldSelector: `metadata.name=${nodeName}`, log });
  nodes.on({
    add: (n) => updateNodeIPs(n),
    update: (n) => updateNodeIPs(n),
  });
  function updateNodeIPs(node: Node): void {
    const ips = (node.status?.addresses ?? []).filter((a) => a.type === 'InternalIP').map((a) => a.address);
    if (ips.length && ips.join() !== nodeIPs.join()) {
      nodeIPs = ips;
      runner.run();
    }
  }
  nodes.start();

  // Upstream's health endpoint, on its usual port.
  http
    .createServer((req, res) => {
      const healthy = services.synced && slices.synced;
      res.writeHead(healthy ? 200 : 503, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ lastUpdated: new Date().toISOString(), currentTime: new Date().toISOString(), nodeName, nodeHealthy: healthy }));
    })
    .on('error', (err) => log(`healthz: ${err.message}`))
    .listen(10256, '0.0.0.0');

  const shutdown = () => {
    runner.stop();
    holder.closeAll();
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  log(`started on ${nodeName}`);
}

main().catch((err: unknown) => {
  log(`fatal: ${(err as Error)?.stack ?? err}`);
  process.exit(1);
});
