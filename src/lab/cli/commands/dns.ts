// `kubelab dns --objects FILE --port N [--upstream IP[:PORT]]`: the cluster DNS
// answering on 127.0.0.1 from a file of objects, to try names without a lab.
import { getServers } from 'node:dns';
import { readFile } from 'node:fs/promises';
import { load } from 'js-yaml';
import type { KubeObject } from '../../../cluster/api/types';
import { createDnsServer, DnsObjectSource, parseUpstream, type DnsServer, type Upstream } from '../../../cluster/dns';
import { parseFlags, requireFlag, UsageError, type Command } from '../command';

const HOST = '127.0.0.1';
const DNS_KINDS = ['Service', 'EndpointSlice', 'Pod', 'Namespace'];

/** The objects of a JSON or YAML file: a `kind: List` (or any *List), or one object. */
export async function loadObjects(file: string): Promise<KubeObject[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as Error).message}`);
  }
  let doc: unknown;
  try {
    // YAML is a superset of JSON: one parser reads both.
    doc = load(text);
  } catch (err) {
    throw new Error(`${file} is neither JSON nor YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const shape = `expected a kind: List of ${DNS_KINDS.slice(0, 3).join(', ')} (and Namespaces)`;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`${file}: ${shape}`);
  const top = doc as { kind?: unknown; items?: unknown };
  const items = typeof top.kind === 'string' && top.kind.endsWith('List') ? top.items : [doc];
  if (!Array.isArray(items)) throw new Error(`${file}: ${shape}; "items" is not a list`);
  items.forEach((item: unknown, i) => {
    const o = item as Partial<KubeObject> | null;
    if (!o || typeof o !== 'object' || typeof o.kind !== 'string' || !o.metadata || typeof o.metadata.name !== 'string') {
      throw new Error(`${file}: item ${i + 1} is not a Kubernetes object (it needs kind and metadata.name)`);
    }
  });
  return items as KubeObject[];
}

export interface StartedDns {
  server: DnsServer;
  port: number;
  upstreams: Upstream[];
  counts: Record<string, number>;
}

/** Parses the arguments and starts the server; `run` then waits for a signal. */
export async function startDns(args: string[]): Promise<StartedDns> {
  const { flags, positional } = parseFlags(args);
  if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"`);
  for (const name of flags.keys()) if (!['objects', 'port', 'upstream'].includes(name)) throw new UsageError(`unknown option --${name}`);
  const file = requireFlag(flags, 'objects');
  const portText = requireFlag(flags, 'port');
  const wanted = Number(portText);
  if (!/^\d+$/.test(portText) || wanted > 65535) throw new UsageError(`--port must be a port number (0-65535), not "${portText}"`);
  let upstreams: Upstream[];
  try {
    const given = flags.get('upstream');
    // Without --upstream, names outside the cluster go where this machine's own lookups go.
    upstreams = (given ? given.split(',') : getServers()).map(parseUpstream);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const objects = await loadObjects(file);
  const counts: Record<string, number> = {};
  for (const o of objects) if (DNS_KINDS.includes(o.kind ?? '')) counts[o.kind!] = (counts[o.kind!] ?? 0) + 1;
  const server = createDnsServer({
    host: HOST,
    port: wanted,
    source: new DnsObjectSource(objects),
    // Never forward to ourselves: that would be a loop (CoreDNS's `loop` plugin stops at it).
    upstreams: upstreams.filter((u) => !(u.host === HOST && u.port === wanted)),
    zone: { localIPs: [HOST] },
  });
  let port: number;
  try {
    ({ port } = await server.listen());
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') throw new Error(`${HOST}:${wanted} is already in use`);
    if (e.code === 'EACCES') throw new Error(`not allowed to listen on ${HOST}:${wanted} (ports below 1024 need privileges)`);
    throw err;
  }
  return { server, port, upstreams, counts };
}

function describeCounts(counts: Record<string, number>): string {
  const parts = DNS_KINDS.filter((k) => counts[k]).map((k) => `${counts[k]} ${k}${counts[k] === 1 ? '' : 's'}`);
  return parts.length > 0 ? parts.join(', ') : 'no objects';
}

export const dnsCommand: Command = {
  usage: 'dns --objects FILE --port N [--upstream IP[:PORT]]',
  summary: 'the cluster DNS answering from a file of objects',
  async run(args) {
    const { server, port, upstreams, counts } = await startDns(args);
    const upstream = upstreams.length > 0 ? `other names go to ${upstreams.map((u) => (u.host.includes(':') ? `[${u.host}]:${u.port}` : `${u.host}:${u.port}`)).join(', ')}` : 'no upstream';
    console.log(`kubelab dns: answering for cluster.local on ${HOST}:${port} (UDP and TCP) from ${describeCounts(counts)}; ${upstream}`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    return 0;
  },
};
