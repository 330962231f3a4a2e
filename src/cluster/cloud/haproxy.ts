// HAProxy's configuration for the cloud's load balancers: one frontend per
// load balancer port on its address, forwarding to that NodePort on every
// node with health checks. Pure.
import type { LoadBalancerEntry } from './contract';

export function haproxyConfig(balancers: readonly LoadBalancerEntry[]): string {
  const lines = [
    '# Written by the KubeLab cloud agent: one frontend per load balancer port.',
    'global',
    '    maxconn 2048',
    '    log stdout format raw local0 info',
    '',
    'defaults',
    '    mode tcp',
    '    log global',
    '    option tcplog',
    '    timeout connect 3s',
    '    timeout client 1m',
    '    timeout server 1m',
    '    default-server inter 1s fall 2 rise 1',
  ];
  const sorted = [...balancers].sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
  for (const lb of sorted) {
    for (const p of lb.nodePorts) {
      if (p.protocol !== 'TCP') continue;
      const id = `${lb.namespace}_${lb.name}_${p.port}`;
      lines.push('', `frontend ${id}`, `    bind ${lb.ip}:${p.port}`);
      if (lb.sourceRanges?.length) {
        lines.push(`    tcp-request connection reject unless { src ${lb.sourceRanges.join(' ')} }`);
      }
      lines.push(`    default_backend ${id}_nodes`, '', `backend ${id}_nodes`, '    balance roundrobin');
      lb.nodes.forEach((node, i) => lines.push(`    server node${i + 1}_${node.replace(/\./g, '_')} ${node}:${p.nodePort} check`));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The first free address of the range (a.b.c.X-a.b.c.Y), or the requested one when free. */
export function chooseAddress(range: string, used: Set<string>, requested?: string): string | { error: string } {
  const [from, to] = range.split('-') as [string, string];
  const prefix = from.slice(0, from.lastIndexOf('.') + 1);
  const first = Number(from.slice(prefix.length));
  const last = Number(to.slice(to.lastIndexOf('.') + 1));
  if (requested) {
    const n = requested.startsWith(prefix) ? Number(requested.slice(prefix.length)) : NaN;
    if (!(n >= first && n <= last)) return { error: `requested address ${requested} is outside the cloud's range ${range}` };
    if (used.has(requested)) return { error: `requested address ${requested} is already in use by another load balancer` };
    return requested;
  }
  for (let n = first; n <= last; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
  return { error: `no free address left in ${range}` };
}
