// Rule generation time for synthetic clusters: N services x 10 endpoints.
// Run: node scripts/run-ts.mjs bench/proxy-rules.ts
// "cold" clears the chain-name hash cache before each run (a kube-proxy's
// first sync); "warm" keeps it (every later resync of a similar cluster).
// Target: 1,000 x 10 in at most 100 ms.
import type { EndpointSlice, Service } from '../src/cluster/api/types';
import { buildProxyRules, clearNameCache, type ProxyRulesInput } from '../src/cluster/proxy/rules';

const ENDPOINTS_PER_SERVICE = 10;
const SIZES = [100, 1_000, 5_000];
// Enough runs for a stable median without making the largest size slow.
const RUNS: Record<number, number> = { 100: 40, 1_000: 15, 5_000: 7 };
const TARGET_MS = 100;

function cluster(n: number): ProxyRulesInput {
  const services: Service[] = [];
  const endpointSlices: EndpointSlice[] = [];
  for (let i = 0; i < n; i++) {
    const name = `svc-${i}`;
    const nodePort = i % 10 === 0; // a tenth are NodePort services
    services.push({
      metadata: { name, namespace: `ns-${i % 20}` },
      spec: {
        type: nodePort ? 'NodePort' : 'ClusterIP',
        clusterIP: `10.96.${Math.floor(i / 250)}.${i % 250}`,
        ports: [{ name: 'http', port: 80, protocol: 'TCP', ...(nodePort ? { nodePort: 30000 + (i % 2768) } : {}) }],
      },
    });
    endpointSlices.push({
      metadata: { name: `${name}-abcde`, namespace: `ns-${i % 20}`, labels: { 'kubernetes.io/service-name': name } },
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      endpoints: Array.from({ length: ENDPOINTS_PER_SERVICE }, (_, j) => {
        const k = i * ENDPOINTS_PER_SERVICE + j;
        return { addresses: [`10.${244 + (k % 3)}.${Math.floor(k / 250) % 256}.${k % 250}`], conditions: { ready: true }, nodeName: `node${k % 3}` };
      }),
    });
  }
  return { services, endpointSlices, nodeName: 'node1', nodeIPs: ['10.100.0.101'], clusterCIDR: '10.244.0.0/16' };
}

function time(input: ProxyRulesInput, cold: boolean): { ms: number; bytes: number } {
  if (cold) clearNameCache();
  const start = performance.now();
  const rules = buildProxyRules(input);
  return { ms: performance.now() - start, bytes: rules.payload.length };
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo]! + (sorted[Math.ceil(pos)]! - sorted[lo]!) * (pos - lo);
}

/** Least-squares slope of log(time) over log(size): ~1 means linear growth. */
function growthExponent(points: [number, number][]): number {
  const xs = points.map(([n]) => Math.log(n));
  const ys = points.map(([, t]) => Math.log(t));
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (ys[i]! - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

const fmt = (ms: number): string => ms.toFixed(1).padStart(7);
const medians: Record<'cold' | 'warm', [number, number][]> = { cold: [], warm: [] };
console.log(`node ${process.version}, ${ENDPOINTS_PER_SERVICE} endpoints per service`);
console.log('services  mode  runs  median ms   p25 ms   p75 ms   min ms   max ms   payload');
for (const n of SIZES) {
  const input = cluster(n);
  time(input, false); // let the JIT see the code once
  for (const mode of ['cold', 'warm'] as const) {
    const samples: number[] = [];
    let bytes = 0;
    for (let r = 0; r < RUNS[n]!; r++) {
      const t = time(input, mode === 'cold');
      samples.push(t.ms);
      bytes = t.bytes;
    }
    samples.sort((a, b) => a - b);
    const median = quantile(samples, 0.5);
    medians[mode].push([n, median]);
    console.log(
      `${String(n).padStart(8)}  ${mode}  ${String(RUNS[n]).padStart(4)}  ${fmt(median)}   ${fmt(quantile(samples, 0.25))}  ${fmt(quantile(samples, 0.75))}  ${fmt(samples[0]!)}  ${fmt(samples.at(-1)!)}   ${(bytes / 1e6).toFixed(2)} MB`,
    );
  }
}
for (const mode of ['cold', 'warm'] as const) console.log(`growth exponent (${mode}): ${growthExponent(medians[mode]).toFixed(2)}`);
const at1000 = medians.cold.find(([n]) => n === 1_000)![1];
console.log(`1,000 x ${ENDPOINTS_PER_SERVICE} cold median ${at1000.toFixed(1)} ms: ${at1000 <= TARGET_MS ? 'meets' : 'MISSES'} the ${TARGET_MS} ms target`);
