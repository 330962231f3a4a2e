// kubelab proxy-rules --objects FILE --cluster-cidr CIDR --node-name NAME --node-ip IP
// Prints the iptables-restore payload kube-proxy would apply on that node for
// a file of Services and EndpointSlices (a JSON or YAML `kind: List`, as
// `kubectl get svc,endpointslices -A -o yaml` prints). Touches nothing.
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import type { EndpointSlice, KubeObject, Service } from '../../../cluster/api/types';
import { buildProxyRules } from '../../../cluster/proxy/rules';
import { parseIPv4, parseIPv4Cidr } from '../../../cluster/proxy/rules/ipv4';
import { UsageError, parseFlags, requireFlag, type Command } from '../command';

export const proxyRulesCommand: Command = {
  usage: 'proxy-rules --objects FILE --cluster-cidr CIDR --node-name NAME --node-ip IP[,IP...]',
  summary: "kube-proxy's iptables-restore payload for a file of objects",
  async run(args) {
    const { flags, positional } = parseFlags(args);
    if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"`);
    const file = requireFlag(flags, 'objects');
    const clusterCIDR = requireFlag(flags, 'cluster-cidr');
    if (!parseIPv4Cidr(clusterCIDR)) throw new UsageError(`--cluster-cidr ${clusterCIDR} is not an IPv4 CIDR (e.g. 10.244.0.0/16)`);
    const nodeName = requireFlag(flags, 'node-name');
    const nodeIPs = requireFlag(flags, 'node-ip').split(',');
    for (const ip of nodeIPs) if (!parseIPv4(ip)) throw new UsageError(`--node-ip ${ip} is not an IPv4 address`);

    const { services, endpointSlices } = readObjects(file);
    process.stdout.write(buildProxyRules({ services, endpointSlices, nodeName, nodeIPs, clusterCIDR }).payload);
    return 0;
  },
};

function readObjects(file: string): { services: Service[]; endpointSlices: EndpointSlice[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  const items = listItems(parse(file, text), file);
  const services: Service[] = [];
  const endpointSlices: EndpointSlice[] = [];
  items.forEach((item, i) => {
    const where = `${file}: item ${i + 1}`;
    if (!isObject(item) || typeof item.kind !== 'string') throw new Error(`${where} has no kind`);
    const meta = item.metadata;
    if (!isObject(meta) || typeof meta.name !== 'string' || meta.name === '') throw new Error(`${where} (${item.kind}) has no metadata.name`);
    // Objects written for kubectl create may leave the namespace out.
    const obj = { ...item, metadata: { ...meta, namespace: typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : 'default' } } as KubeObject;
    if (item.kind === 'Service') {
      if (!isObject(item.spec)) throw new Error(`${where} (Service ${meta.name}) has no spec`);
      services.push(obj as Service);
    } else if (item.kind === 'EndpointSlice') {
      if (typeof item.addressType !== 'string') throw new Error(`${where} (EndpointSlice ${meta.name}) has no addressType`);
      endpointSlices.push(obj as EndpointSlice);
    } else {
      throw new Error(`${where} is a ${item.kind}; only Services and EndpointSlices are read`);
    }
  });
  return { services, endpointSlices };
}

function parse(file: string, text: string): unknown[] {
  const trimmed = text.trimStart();
  try {
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) return [JSON.parse(text)];
    return yaml.loadAll(text).filter((doc) => doc !== null && doc !== undefined);
  } catch (err) {
    const e = err as Error & { reason?: string; mark?: { line: number; column: number } };
    const detail = e.reason && e.mark ? `${e.reason} (line ${e.mark.line + 1}, column ${e.mark.column + 1})` : e.message;
    throw new Error(`cannot parse ${file}: ${detail}`);
  }
}

/** A List (kind List or FooList) or a stream of YAML documents. */
function listItems(docs: unknown[], file: string): unknown[] {
  if (docs.length === 1 && isObject(docs[0]) && Array.isArray(docs[0].items)) return docs[0].items;
  if (docs.length === 1 && Array.isArray(docs[0])) return docs[0];
  if (docs.length > 0 && docs.every((d) => isObject(d) && !('items' in d))) return docs;
  throw new Error(`${file} is not a kind: List of Services and EndpointSlices`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
