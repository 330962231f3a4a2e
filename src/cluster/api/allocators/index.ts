// ClusterIP and NodePort allocation: pure state (the caller persists it, e.g.
// in etcd) and pure functions, with kube-apiserver's error texts.

export type { AllocError, AllocErrorReason } from './errors';
export {
  DEFAULT_EXCLUDED, DEFAULT_SERVICE_CIDR, allocateIP, allocateNextIP, hasIP, newIPAllocator, releaseIP,
  type IPAllocatorState, type IPResult,
} from './ip';
export {
  DEFAULT_NODE_PORT_RANGE, allocateNextPort, allocatePort, hasPort, newPortAllocator, releasePort,
  type PortAllocatorState, type PortResult,
} from './port';
export {
  allocateServiceCreate, allocateServiceUpdate, releaseServiceAllocations,
  type AllocOptions, type ServiceAllocators, type ServiceAllocResult,
} from './service';
export { randomScanWithOffset, rangeOffset, type Random } from './scan';
