import { describe, expect, it } from 'vitest';
import type { Endpoints, EndpointSlice, Event } from '../types';
import { applyDefaults } from './index';

// SetDefaults_Endpoints (core/v1), SetDefaults_EndpointPort (discovery/v1), and
// the always-present fields of a core/v1 Event as kube-apiserver returns it.
describe('endpoint and event defaults', () => {
  it('default endpoint ports to TCP and slice port names to ""', () => {
    const ep: Endpoints = { metadata: { name: 'web' }, subsets: [{ addresses: [{ ip: '10.244.1.5' }], ports: [{ port: 80 }] }] };
    applyDefaults('Endpoints', ep);
    expect(ep.subsets?.[0].ports).toEqual([{ port: 80, protocol: 'TCP' }]);
    const slice: EndpointSlice = { metadata: { name: 'web-x' }, addressType: 'IPv4', endpoints: [], ports: [{ port: 80 }, { name: 'dns', port: 53, protocol: 'UDP' }] };
    applyDefaults('EndpointSlice', slice);
    expect(slice.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }]);
  });

  it('give events their non-omitempty fields', () => {
    const ev: Event = { metadata: { name: 'e', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'web' }, reason: 'Pulled', message: 'ok' };
    applyDefaults('Event', ev);
    expect(ev).toMatchObject({ source: {}, firstTimestamp: null, lastTimestamp: null, eventTime: null, reportingComponent: '', reportingInstance: '' });
  });
});
