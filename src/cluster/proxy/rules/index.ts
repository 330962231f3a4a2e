// kube-proxy's iptables rules as a pure function of the cluster's objects.
export { buildProxyRules, masqueradeMark, LARGE_CLUSTER_ENDPOINTS_THRESHOLD } from './build';
export { hookRules } from './hooks';
export { clearNameCache } from './chain-names';
export type { HookRule, ProxyRules, ProxyRulesInput, ProxyRulesStats } from './types';
