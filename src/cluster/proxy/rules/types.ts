// What the rule generator takes and gives. The input is the objects kube-proxy
// watches plus the node facts and flags that shape upstream's output.
import type { EndpointSlice, Service } from '../../api/types';

export interface ProxyRulesInput {
  services: readonly Service[];
  endpointSlices: readonly EndpointSlice[];
  /** This node's name: endpoints with this nodeName are "local". */
  nodeName: string;
  /** This node's IPv4 addresses, primary first (the primary decides loadBalancerSourceRanges' node exception). */
  nodeIPs: readonly string[];
  /** Pod network (kube-proxy --cluster-cidr); "" disables the local-traffic rules as upstream's no-op detector does. */
  clusterCIDR: string;
  /**
   * KUBE-* chains now present in the nat table (from iptables-save). Service
   * chains among them that this sync no longer writes get `-X` lines. Upstream
   * never prunes filter chains during a sync, so only the nat table matters.
   */
  existingChains?: readonly string[];
  /** Bit of the SNAT mark (kube-proxy --iptables-masquerade-bit); 14 gives 0x4000. */
  masqueradeBit?: number;
  /**
   * The mark exactly as written in the payload. By default it is derived from
   * masqueradeBit the way NewProxier formats it (`%#08x`, so "0x00004000");
   * upstream's unit tests use "0x4000" directly.
   */
  masqueradeMark?: string;
  /** kube-proxy --masquerade-all. */
  masqueradeAll?: boolean;
  /** `-j MASQUERADE --random-fully`: upstream adds it when iptables is >= 1.6.2 (Debian bookworm's is). Default true. */
  randomFully?: boolean;
  /**
   * Upstream's --iptables-localhost-nodeports. Default false: the lab leaves out
   * the route_localnet machinery. When true, the KUBE-FIREWALL anti-martian rule
   * is written and NodePorts are not excluded on 127.0.0.0/8 (the nfacct-counted
   * localhost NodePort rules are still left out).
   */
  localhostNodePorts?: boolean;
  /** nf_conntrack_tcp_be_liberal is set: upstream then skips the INVALID drop rule. */
  conntrackTCPLiberal?: boolean;
  /** This node's labels; topology.kubernetes.io/zone selects zone-hinted endpoints. */
  nodeLabels?: Readonly<Record<string, string>>;
}

export interface ProxyRulesStats {
  /** Service ports that got rules. */
  servicePorts: number;
  /** Endpoints of those service ports, ready or not (upstream's "numEndpoints"). */
  endpoints: number;
  /** Over 1000 endpoints upstream drops per-endpoint comments. */
  largeClusterMode: boolean;
  filterRules: number;
  natRules: number;
  /** Stale chains deleted with -X. */
  deletedChains: number;
}

export interface ProxyRules {
  /** The filter table: "*filter", chain lines, rules, "COMMIT". */
  filter: string[];
  /** The nat table: "*nat", chain lines, rules (and -X lines), "COMMIT". */
  nat: string[];
  /** Input for `iptables-restore --noflush --counters`, filter then nat. */
  payload: string;
  stats: ProxyRulesStats;
}

/** A jump from a built-in chain that kube-proxy ensures on its own (`iptables -C`, then `-I`). */
export interface HookRule {
  table: 'filter' | 'nat';
  /** The built-in chain holding the jump. */
  chain: string;
  /** The chain jumped to; it must exist (`iptables -N`) before the rule is added. */
  target: string;
  /** Rule arguments as argv words (no shell quoting). */
  args: string[];
}
