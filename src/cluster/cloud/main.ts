// kubelab-cloud: the cloud provider's side of LoadBalancer services. It hands
// out addresses from its range, puts them on this host's interface and points
// HAProxy (the real one) at every node's NodePort. State survives restarts.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { promisify } from 'node:util';
import { parseComponentFlags, flag } from '../client/flags';
import type { CloudError, EnsureLoadBalancerRequest, LoadBalancerEntry } from './contract';
import { chooseAddress, haproxyConfig } from './haproxy';

const run = promisify(execFile);
const log = (line: string) => console.log(`${new Date().toISOString()} kubelab-cloud: ${line}`);
const STATE_DIR = '/var/lib/kubelab-cloud';
const STATE_FILE = `${STATE_DIR}/loadbalancers.json`;
const HAPROXY_CFG = '/etc/haproxy/kubelab.cfg';

let balancers: LoadBalancerEntry[] = [];
let haproxy: ChildProcess | undefined;

function load(): void {
  try {
    balancers = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as LoadBalancerEntry[];
  } catch {
    balancers = [];
  }
}

function save(): void {
  mkdirSync(STATE_DIR, { recursive: true });
  writeFileSync(STATE_FILE, JSON.stringify(balancers, null, 2));
}

async function hostInterface(hostIP: string): Promise<string> {
  const { stdout } = await run('ip', ['-o', '-4', 'addr', 'show']);
  const line = stdout.split('\n').find((l) => l.includes(` ${hostIP}/`));
  return line?.split(/\s+/)[1] ?? 'eth0';
}

async function setAddresses(dev: string, wanted: Set<string>, range: string): Promise<void> {
  const { stdout } = await run('ip', ['-o', '-4', 'addr', 'show', 'dev', dev]);
  const [from] = range.split('-') as [string];
  const prefix = from.slice(0, from.lastIndexOf('.') + 1);
  const present = new Set([...stdout.matchAll(/inet (\d+\.\d+\.\d+\.\d+)\//g)].map((m) => m[1]!).filter((ip) => ip.startsWith(prefix) && ip !== process.env.KUBELAB_HOST_IP));
  for (const ip of present) if (!wanted.has(ip)) await run('ip', ['addr', 'del', `${ip}/32`, 'dev', dev]).catch(() => undefined);
  for (const ip of wanted) {
    if (present.has(ip)) continue;
    await run('ip', ['addr', 'add', `${ip}/32`, 'dev', dev]);
    // Tell the hosts at once that this address now lives here.
    await run('arping', ['-c', '1', '-U', '-I', dev, ip]).catch(() => undefined);
  }
}

function applyHaproxy(): void {
  writeFileSync(HAPROXY_CFG, haproxyConfig(balancers));
  if (balancers.length === 0) {
    haproxy?.kill('SIGTERM');
    haproxy = undefined;
    return;
  }
  if (haproxy && haproxy.exitCode === null) {
    // Master-worker mode reloads the configuration on SIGUSR2 without dropping connections.
    haproxy.kill('SIGUSR2');
    return;
  }
  const child = spawn('haproxy', ['-W', '-db', '-f', HAPROXY_CFG], { stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (haproxy !== child) return;
    haproxy = undefined;
    log(`haproxy exited (${code ?? signal}); restarting`);
    setTimeout(applyHaproxy, 1000);
  });
  haproxy = child;
}

function send(res: http.ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function main(): Promise<void> {
  const flags = parseComponentFlags(process.argv.slice(2));
  const listen = flag(flags, 'listen', '0.0.0.0:8080');
  const range = flag(flags, 'lb-range', '10.100.0.240-10.100.0.249');
  const hostIP = process.env.KUBELAB_HOST_IP ?? listen.split(':')[0]!;
  const dev = await hostInterface(hostIP);
  load();
  let applying = Promise.resolve();
  const apply = () => {
    applying = applying.then(async () => {
      await setAddresses(dev, new Set(balancers.map((b) => b.ip)), range);
      applyHaproxy();
      save();
    });
    return applying;
  };
  await apply();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://cloud');
    const parts = url.pathname.split('/').filter(Boolean);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        try {
          if (req.method === 'GET' && parts.length === 1 && parts[0] === 'loadbalancers') return send(res, 200, { items: balancers });
          if (parts[0] !== 'loadbalancers' || parts.length !== 3) return send(res, 404, { error: 'not found' } satisfies CloudError);
          const [, namespace, name] = parts as [string, string, string];
          const existing = balancers.find((b) => b.namespace === namespace && b.name === name);
          if (req.method === 'DELETE') {
            if (existing) {
              balancers = balancers.filter((b) => b !== existing);
              await apply();
              log(`released ${existing.ip} (${namespace}/${name})`);
            }
            return send(res, 200, {});
          }
          if (req.method !== 'POST') return send(res, 405, { error: 'method not allowed' } satisfies CloudError);
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as EnsureLoadBalancerRequest;
          let ip = existing?.ip;
          if (!ip || (body.loadBalancerIP && body.loadBalancerIP !== ip)) {
            const used = new Set(balancers.filter((b) => b !== existing).map((b) => b.ip));
            const chosen = chooseAddress(range, used, body.loadBalancerIP);
            if (typeof chosen !== 'string') return send(res, 409, chosen satisfies CloudError);
            ip = chosen;
          }
          const entry: LoadBalancerEntry = { namespace, name, ip, nodePorts: body.nodePorts ?? [], nodes: body.nodes ?? [], sourceRanges: body.sourceRanges, loadBalancerIP: body.loadBalancerIP };
          balancers = [...balancers.filter((b) => b !== existing), entry];
          await apply();
          if (!existing) log(`opened ${ip} for ${namespace}/${name} -> ${entry.nodes.join(', ')}`);
          send(res, 200, { ip });
        } catch (err) {
          send(res, 500, { error: (err as Error).message } satisfies CloudError);
        }
      })();
    });
  });
  const [host, port] = listen.split(':') as [string, string];
  server.listen(Number(port), host, () => log(`listening on ${listen}, addresses ${range}`));
  process.on('SIGTERM', () => {
    haproxy?.kill('SIGTERM');
    process.exit(0);
  });
}

main().catch((err: unknown) => {
  log(`fatal: ${(err as Error)?.stack ?? err}`);
  process.exit(1);
});
