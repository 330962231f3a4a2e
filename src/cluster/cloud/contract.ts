// The cloud's load-balancer API, between the service controller (in
// kube-controller-manager on master) and the cloud agent (on the cloud host).
// Types only: both sides import them.
//
//   POST   http://10.100.0.250:8080/loadbalancers/<namespace>/<name>   body EnsureLoadBalancerRequest
//          -> 200 LoadBalancerStatusResponse (the address is kept for the same service)
//   DELETE http://10.100.0.250:8080/loadbalancers/<namespace>/<name>   -> 200 (also when unknown)
//   GET    http://10.100.0.250:8080/loadbalancers                      -> 200 LoadBalancerList
//   errors -> 4xx/5xx with CloudError

export interface LoadBalancerPort {
  /** The service port clients connect to on the load balancer's address. */
  port: number;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  /** Where the load balancer forwards: this port on every node. */
  nodePort: number;
}

export interface EnsureLoadBalancerRequest {
  nodePorts: LoadBalancerPort[];
  /** Node addresses (InternalIP) to forward to. */
  nodes: string[];
  /** spec.loadBalancerIP, when the user asked for one. */
  loadBalancerIP?: string;
  /** spec.loadBalancerSourceRanges: who may connect (empty = everyone). */
  sourceRanges?: string[];
}

export interface LoadBalancerStatusResponse {
  ip: string;
}

export interface LoadBalancerEntry extends EnsureLoadBalancerRequest {
  namespace: string;
  name: string;
  ip: string;
}

export interface LoadBalancerList {
  items: LoadBalancerEntry[];
}

export interface CloudError {
  error: string;
}

export const CLOUD_AGENT_PORT = 8080;
