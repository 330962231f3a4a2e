// The Services numbers (issue "Services on the wire"): Service created -> first
// successful curl from every node; endpoint change -> rules on every node;
// iptables-restore of a 1,000 x 10 rule set; requests per second through a
// ClusterIP vs straight to a pod; DNS queries per second of one coredns pod.
// Run: npm run bench -- services   (starts the lab if needed)
import { buildProxyRules } from '../src/cluster/proxy/rules/build';
import type { EndpointSlice, Service } from '../src/cluster/api/types';
import { execIn } from '../src/lab/docker/exec';
import { makeTar } from '../src/lab/docker/tar';
import { docker, kubectl, lab, seconds, sh, until, up } from './_lab';
import { formatSummary, summarize } from './_stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const NODES = ['master', 'node1', 'node2'] as const;

await up();
await kubectl('delete deploy webui --ignore-not-found');
await kubectl('delete svc clusterip-service --ignore-not-found');
await kubectl('create -f deploy-nginx.yaml');
await until(async () => (await kubectl('get pods -l app=webui --no-headers')).split('\n').filter((l) => /1\/1\s+Running/.test(l)).length === 3);

// Service created -> a curl answers from every node.
const reachable: number[] = [];
for (let i = 0; i < RUNS; i++) {
  await kubectl('delete svc clusterip-service --ignore-not-found');
  const t = performance.now();
  await kubectl('create -f clusterip-nginx.yaml');
  await Promise.all(NODES.map((n) => until(async () => (await sh(n, 'curl -s -o /dev/null -m 0.5 -w %{http_code} 10.100.100.100 || true')) === '200', 10_000, 0)));
  reachable.push(seconds(t));
}
console.log(formatSummary('service created -> curl from every node', summarize(reachable), 's'));

// Endpoint change -> the new pod's address is in the rules on every node.
const converge: number[] = [];
for (let i = 0; i < RUNS; i++) {
  await kubectl('scale deploy webui --replicas=3');
  await until(async () => (await kubectl('get pods -l app=webui --no-headers')).split('\n').filter(Boolean).length === 3);
  const before = new Set((await kubectl("get pods -l app=webui -o jsonpath='{.items[*].status.podIP}'")).split(' '));
  await kubectl('scale deploy webui --replicas=4');
  const ip = await until(async () => (await kubectl("get pods -l app=webui -o jsonpath='{.items[*].status.podIP}'")).split(' ').find((x) => x && !before.has(x)), 20_000, 10);
  const t = performance.now();
  await Promise.all(NODES.map((n) => until(async () => (await sh(n, 'iptables-save -t nat')).includes(`${ip}:80`), 10_000, 10)));
  converge.push(seconds(t));
}
await kubectl('scale deploy webui --replicas=3');
console.log(formatSummary('pod address known -> rules on all nodes', summarize(converge), 's'));

// iptables-restore of 1,000 services x 10 endpoints, in a throwaway network namespace on node1.
const services: Service[] = [];
const slices: EndpointSlice[] = [];
for (let s = 0; s < 1000; s++) {
  const name = `svc-${s}`;
  services.push({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'bench' }, spec: { type: 'ClusterIP', clusterIP: `10.97.${s >> 8}.${s & 255}`, ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] } });
  slices.push({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${name}-x`, namespace: 'bench', labels: { 'kubernetes.io/service-name': name } },
    addressType: 'IPv4',
    ports: [{ name: '', port: 8080, protocol: 'TCP' }],
    endpoints: Array.from({ length: 10 }, (_, e) => ({ addresses: [`10.244.${(s * 10 + e) >> 8 & 255}.${(s * 10 + e) & 255}`], conditions: { ready: true } })),
  });
}
const payload = buildProxyRules({ services, endpointSlices: slices, nodeName: 'node1', nodeIPs: ['10.100.0.101'], clusterCIDR: '10.244.0.0/16' }).payload;
const restores: number[] = [];
// A fresh container of its own each time (with NET_ADMIN, as a node has), so
// the lab's rules stay untouched; the same iptables backend the nodes chose.
const image = (await docker.getContainer(`${lab}-node1`).inspect()).Config.Image;
const backend = (await sh('node1', 'iptables -V')).includes('legacy') ? 'iptables-legacy-restore' : 'iptables-nft-restore';
for (let i = 0; i < 3; i++) {
  const scratch = await docker.createContainer({ Image: image, Cmd: ['sleep', '300'], Labels: { 'io.kubelab.bench': 'true' }, HostConfig: { CapAdd: ['NET_ADMIN'], AutoRemove: true } });
  try {
    await scratch.start();
    await scratch.putArchive(makeTar([{ name: 'tmp/rules', data: payload }]), { path: '/' });
    const save = backend.replace(/restore$/, 'save');
    // (the same backend's save, to count what landed)
    const r = await execIn(docker, scratch.id, ['bash', '-c', `s=$(date +%s%N); ${backend} --noflush < /tmp/rules || exit 1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )) $(${save} -t nat | grep -c "^-A")`]);
    if (r.exitCode !== 0) throw new Error(`iptables-restore failed: ${r.stderr}${r.stdout}`);
    const [ms, rules] = r.stdout.trim().split(' ').map(Number);
    if (!rules || rules < 20_000) throw new Error(`the restore left only ${rules} nat rules`);
    restores.push(ms!);
  } finally {
    await scratch.kill().catch(() => undefined);
  }
}
console.log(formatSummary(`${backend.split('/').pop()} 1,000 x 10 (${(payload.length / 1e6).toFixed(1)} MB)`, summarize(restores), 'ms', 0));

// Requests per second from node1: through a ClusterIP, and straight to the same pod on
// node2. The Service has that one pod as its only endpoint, so the ratio weighs
// kube-proxy's DNAT alone, not how three pods share the machine's two cores.
const [podName, , , , , podIP] = (await kubectl('get pods -l app=webui -o wide --no-headers')).split('\n').map((l) => l.trim().split(/\s+/)).find((c) => c[6] === 'node2')!;
await kubectl(`label pod ${podName} bench=one --overwrite`);
await kubectl('delete svc bench-one --ignore-not-found');
await kubectl(`expose pod ${podName} --name=bench-one --port=80 --selector=bench=one`);
const oneIP = (await kubectl("get svc bench-one -o jsonpath='{.spec.clusterIP}'")).trim();
await until(async () => (await sh('node1', `curl -s -o /dev/null -m 0.5 -w %{http_code} ${oneIP} || true`)) === '200', 10_000);
const LOADGEN = `
const http = require('http');
const [target, seconds] = [process.argv[process.argv.length - 2], Number(process.argv[process.argv.length - 1])];
const agent = new http.Agent({ keepAlive: process.env.KEEPALIVE === '1', maxSockets: 16 });
let done = 0, errors = 0; const end = Date.now() + seconds * 1000;
function one() {
  if (Date.now() > end) return;
  http.get({ host: target, port: 80, path: '/', agent }, (res) => { res.resume(); res.on('end', () => { done++; one(); }); }).on('error', () => { errors++; one(); });
}
for (let i = 0; i < 16; i++) one();
setTimeout(() => { console.log(JSON.stringify({ rps: done / seconds, errors })); process.exit(0); }, seconds * 1000 + 200);
`;
async function rps(target: string, keepAlive = false): Promise<number> {
  const r = await execIn(docker, `${lab}-node1`, ['node', '-', target, '3'], { stdin: LOADGEN, timeoutMs: 30_000, env: [`KEEPALIVE=${keepAlive ? 1 : 0}`] });
  return (JSON.parse(r.stdout) as { rps: number }).rps;
}
const ratios: number[] = [];
const viaService: number[] = [];
const direct: number[] = [];
const keptRatios: number[] = [];
// Alternating which goes first cancels a drift of the machine over the run.
for (let i = 0; i < RUNS; i++) {
  for (const keepAlive of [false, true]) {
    const first = i % 2 === 0 ? oneIP : podIP!;
    const a = await rps(first, keepAlive);
    const b = await rps(first === oneIP ? podIP! : oneIP, keepAlive);
    const [svc, pod] = first === oneIP ? [a, b] : [b, a];
    if (keepAlive) keptRatios.push(svc / pod);
    else {
      viaService.push(svc);
      direct.push(pod);
      ratios.push(svc / pod);
    }
  }
}
console.log(formatSummary('requests/s via ClusterIP (new conns)', summarize(viaService), 'req/s', 0));
console.log(formatSummary('requests/s straight to the pod', summarize(direct), 'req/s', 0));
console.log(formatSummary('ClusterIP / pod IP ratio, new conns', summarize(ratios), '', 2));
console.log(formatSummary('ClusterIP / pod IP ratio, keep-alive', summarize(keptRatios), '', 2));
await kubectl('delete svc bench-one --ignore-not-found');
await kubectl(`label pod ${podName} bench- --overwrite`);

// DNS queries per second answered by one coredns pod, from node1 over UDP.
const corednsIP = (await kubectl("get pods -n kube-system -l k8s-app=kube-dns -o jsonpath='{.items[0].status.podIP}'")).trim();
const DNSGEN = `
const dgram = require('dgram');
const [server, seconds] = [process.argv[process.argv.length - 2], Number(process.argv[process.argv.length - 1])];
const name = 'clusterip-service.default.svc.cluster.local'.split('.').map((p) => Buffer.concat([Buffer.from([p.length]), Buffer.from(p)]));
const packet = Buffer.concat([Buffer.from('000001000001000000000000', 'hex'), ...name, Buffer.from('0000010001', 'hex')]);
const sock = dgram.createSocket('udp4'); let answered = 0; let id = 0;
const send = () => { id = (id + 1) & 0xffff; packet.writeUInt16BE(id, 0); sock.send(packet, 53, server); };
sock.on('message', () => { answered++; send(); });
for (let i = 0; i < 64; i++) send();
setTimeout(() => { console.log(JSON.stringify({ qps: answered / seconds })); process.exit(0); }, seconds * 1000);
`;
const qps: number[] = [];
for (let i = 0; i < 3; i++) {
  const r = await execIn(docker, `${lab}-node1`, ['node', '-', corednsIP, '3'], { stdin: DNSGEN, timeoutMs: 30_000 });
  qps.push((JSON.parse(r.stdout) as { qps: number }).qps);
}
console.log(formatSummary('DNS queries/s, one coredns pod', summarize(qps), 'q/s', 0));
