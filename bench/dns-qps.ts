// Cluster DNS throughput: queries per second one server answers over UDP,
// driven by a load generator in another process (so it does not share the
// server's event loop), keeping a window of queries in flight. Each figure is
// the median of several runs with its spread.
// Run: node scripts/run-ts.mjs bench/dns-qps.ts   (BENCH_RUNS, BENCH_SECONDS, BENCH_WINDOW)
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { createDnsServer, DnsObjectSource, encodeMessage, emptyMessage, RRClass, RRType } from '../src/cluster/dns';
import { labCluster } from '../src/cluster/dns/fixtures';
import { formatSummary, summarize } from './_stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 64);

// The generator: plain JavaScript, so that it needs no build step of its own.
const GENERATOR = `
import { createSocket } from 'node:dgram';
const [port, seconds, window, ...b64] = process.argv.slice(1);
const queries = b64.map((q) => Buffer.from(q, 'base64'));
const socket = createSocket('udp4');
const inflight = new Map();
let id = 0, next = 0, answered = 0, lost = 0, measuring = false;
function send() {
  id = (id + 1) & 0xffff;
  const q = Buffer.from(queries[next++ % queries.length]);
  q.writeUInt16BE(id, 0);
  inflight.set(id, Date.now());
  socket.send(q, Number(port), '127.0.0.1');
}
socket.on('message', (msg) => {
  const rid = msg.readUInt16BE(0);
  if (!inflight.delete(rid)) return;
  if (measuring) answered++;
  send();
});
// A dropped datagram would shrink the window for good: replace what is overdue.
const sweep = setInterval(() => {
  const now = Date.now();
  for (const [k, at] of inflight) if (now - at > 500) { inflight.delete(k); if (measuring) lost++; send(); }
}, 100);
for (let i = 0; i < Number(window); i++) send();
setTimeout(() => {
  measuring = true;
  const start = process.hrtime.bigint();
  setTimeout(() => {
    const secs = Number(process.hrtime.bigint() - start) / 1e9;
    measuring = false;
    clearInterval(sweep);
    socket.close();
    process.stdout.write(JSON.stringify({ answered, lost, secs }));
  }, Number(seconds) * 1000);
}, 1000);
`;

function generate(port: number, queries: Uint8Array[]): Promise<{ answered: number; lost: number; secs: number }> {
  return new Promise((resolve, reject) => {
    const args = ['--input-type=module', '-e', GENERATOR, String(port), String(SECONDS), String(WINDOW), ...queries.map((q) => Buffer.from(q).toString('base64'))];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load generator exited with ${code}`))));
  });
}

const q = (name: string, type: number) => encodeMessage({ ...emptyMessage(0), rd: true, questions: [{ name, type, class: RRClass.IN }] }).bytes;

const scenarios: [string, Uint8Array[]][] = [
  ['A of a ClusterIP service', [q('webui.default.svc.cluster.local', RRType.A)]],
  [
    'mix: A, headless A, SRV, PTR, NXDOMAIN',
    [
      q('webui.default.svc.cluster.local', RRType.A),
      q('nginx-headless.default.svc.cluster.local', RRType.A),
      q('_http._tcp.webui.default.svc.cluster.local', RRType.SRV),
      q('100.100.100.10.in-addr.arpa', RRType.PTR),
      q('nope.default.svc.cluster.local', RRType.A),
    ],
  ],
];

const server = createDnsServer({ host: '127.0.0.1', port: 0, source: new DnsObjectSource(labCluster()) });
const { port } = await server.listen();
console.log(`cluster DNS over UDP on 127.0.0.1, ${WINDOW} queries in flight, ${RUNS} runs of ${SECONDS} s, ${cpus()[0]?.model ?? 'cpu'}, Node ${process.versions.node}`);
try {
  for (const [label, queries] of scenarios) {
    const qps: number[] = [];
    let lost = 0;
    for (let i = 0; i < RUNS; i++) {
      const r = await generate(port, queries);
      qps.push(r.answered / r.secs);
      lost += r.lost;
    }
    console.log(formatSummary(label, summarize(qps), 'qps', 0) + (lost ? `  lost ${lost}` : ''));
  }
} finally {
  await server.close();
}
