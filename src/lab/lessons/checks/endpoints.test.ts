import { describe, expect, it } from 'vitest';
import type { PodFact, ServiceFact } from '../facts';
import { judgeEndpoints } from './endpoints';
import type { EndpointsCheck } from './spec';

const spec: EndpointsCheck = { type: 'endpoints', namespace: 'default', service: 'clusterip-service', ready: 3 };
const svc: ServiceFact = { namespace: 'default', name: 'clusterip-service', type: 'ClusterIP', clusterIP: '10.100.100.100', ports: [{ protocol: 'TCP', port: 80 }], loadBalancerIPs: [], selector: { app: 'webui' } };
const pod = (name: string, ip: string): PodFact => ({ namespace: 'default', name, labels: { app: 'webui' }, ip, node: 'node1', phase: 'Running', ready: true, terminating: false });
const pods = [pod('a', '10.244.1.2'), pod('b', '10.244.2.2'), pod('c', '10.244.1.3')];

describe('judgeEndpoints', () => {
  it('passes when the ready addresses are the service pods', () => {
    expect(judgeEndpoints(spec, svc, ['10.244.1.2', '10.244.1.3', '10.244.2.2'], pods).passed).toBe(true);
  });

  it('says the Service is missing', () => {
    expect(judgeEndpoints(spec, undefined, [], pods).reason?.en).toBe('There is no Service clusterip-service yet.');
  });

  it('says how many endpoints there are and points at the selector', () => {
    expect(judgeEndpoints(spec, svc, ['10.244.1.2'], pods).reason?.en).toBe('Service clusterip-service has 1 ready endpoint(s), not 3; are the pods matching app=webui ready?');
  });

  it('does not take addresses of pods that no longer serve', () => {
    expect(judgeEndpoints(spec, svc, ['10.244.1.2', '10.244.1.3', '10.244.9.9'], pods).passed).toBe(false);
  });
});
