// Object builders shaped like upstream proxier_test.go's makeTestService and
// makeTestEndpointSlice, so ported cases read like the originals.
import type { EndpointSlice, Service } from '../../../api/types';
import type { ProxyRulesInput } from '../types';

export function makeTestService(namespace: string, name: string, fn: (svc: Service) => void): Service {
  const svc: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace, annotations: {} }, spec: {}, status: {} };
  fn(svc);
  return svc;
}

export function makeTestEndpointSlice(namespace: string, name: string, sliceNum: number, fn: (eps: EndpointSlice) => void): EndpointSlice {
  const eps: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${name}-${sliceNum}`, namespace, labels: { 'kubernetes.io/service-name': name } },
    addressType: 'IPv4',
    endpoints: [],
    ports: [],
  };
  fn(eps);
  return eps;
}

export const testNodeName = 'test-node';
export const testNodeIP = '192.168.0.2';

/** What upstream's NewFakeProxier sets (minus nfacct, which we never write). */
export function fakeProxierInput(services: Service[], endpointSlices: EndpointSlice[]): ProxyRulesInput {
  return {
    services,
    endpointSlices,
    nodeName: testNodeName,
    nodeIPs: [testNodeIP],
    clusterCIDR: '10.0.0.0/8',
    masqueradeMark: '0x4000',
    randomFully: false,
    localhostNodePorts: true,
  };
}
