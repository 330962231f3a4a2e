// Where a sync's rules accumulate, and the node facts every writer reads.

export interface RuleBuffers {
  filterRules: string[];
  natChains: string[];
  natRules: string[];
  /** nat chains written this sync; the other service chains get deleted. */
  activeNatChains: Set<string>;
}

export interface RuleSettings {
  nodeName: string;
  /** Primary node IP: LB source ranges containing it also admit the LB IPs as sources. */
  nodeIP: string;
  nodeLabels: Readonly<Record<string, string>> | undefined;
  /** Pod CIDR for the local-traffic detector; "" when there is none. */
  clusterCIDR: string;
  masqueradeAll: boolean;
  /** Over 1000 endpoints the per-endpoint comments are left out. */
  largeClusterMode: boolean;
}
