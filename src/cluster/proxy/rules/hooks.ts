// The jumps from the built-in chains into kube-proxy's chains. Upstream keeps
// them out of the iptables-restore payload (it must not rewrite all of
// PREROUTING, INPUT, ...) and ensures each one on every full sync:
// EnsureChain(target), then EnsureRule(Prepend, ...), i.e. `iptables -t T -C
// CHAIN ARGS || iptables -t T -I CHAIN ARGS`, in this order.
import {
  KUBE_EXTERNAL_SERVICES, KUBE_FIREWALL, KUBE_FORWARD, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_PROXY_FIREWALL, KUBE_SERVICES,
} from './chain-names';
import type { HookRule } from './types';

const NEW = ['-m', 'conntrack', '--ctstate', 'NEW'];

// upstream's iptablesJumpChains, then iptablesKubeletJumpChains (no comment).
const JUMPS: [HookRule['table'], string, string, string, string[]][] = [
  ['filter', KUBE_EXTERNAL_SERVICES, 'INPUT', 'kubernetes externally-visible service portals', NEW],
  ['filter', KUBE_EXTERNAL_SERVICES, 'FORWARD', 'kubernetes externally-visible service portals', NEW],
  ['filter', KUBE_NODEPORTS, 'INPUT', 'kubernetes health check service ports', []],
  ['filter', KUBE_SERVICES, 'FORWARD', 'kubernetes service portals', NEW],
  ['filter', KUBE_SERVICES, 'OUTPUT', 'kubernetes service portals', NEW],
  ['filter', KUBE_FORWARD, 'FORWARD', 'kubernetes forwarding rules', []],
  ['filter', KUBE_PROXY_FIREWALL, 'INPUT', 'kubernetes load balancer firewall', NEW],
  ['filter', KUBE_PROXY_FIREWALL, 'OUTPUT', 'kubernetes load balancer firewall', NEW],
  ['filter', KUBE_PROXY_FIREWALL, 'FORWARD', 'kubernetes load balancer firewall', NEW],
  ['nat', KUBE_SERVICES, 'OUTPUT', 'kubernetes service portals', []],
  ['nat', KUBE_SERVICES, 'PREROUTING', 'kubernetes service portals', []],
  ['nat', KUBE_POSTROUTING, 'POSTROUTING', 'kubernetes postrouting rules', []],
  ['filter', KUBE_FIREWALL, 'INPUT', '', []],
  ['filter', KUBE_FIREWALL, 'OUTPUT', '', []],
];

export function hookRules(): HookRule[] {
  return JUMPS.map(([table, target, chain, comment, extra]) => ({
    table,
    chain,
    target,
    args: [...extra, ...(comment ? ['-m', 'comment', '--comment', comment] : []), '-j', target],
  }));
}
