import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { logLocation, streamLocation } from './locations';

const kubelet = { host: '10.100.0.101', port: 10250 };
const pod = (containers: string[], nodeName = 'node1', init: string[] = []): Pod => ({
  metadata: { name: 'web', namespace: 'default' },
  spec: { containers: containers.map((name) => ({ name })), initContainers: init.map((name) => ({ name })), nodeName },
});

describe('stream locations', () => {
  it('forward kubectl’s exec to the pod’s kubelet with the kubelet’s flags', () => {
    const q = new URLSearchParams('command=sh&command=-c&command=echo%20hi&container=nginx&stdin=true&stdout=true&stderr=true&tty=false');
    const loc = streamLocation('exec', pod(['nginx']), q, kubelet);
    expect('url' in loc && loc.url.toString()).toBe('http://10.100.0.101:10250/exec/default/web/nginx?stdin=1&stdout=1&stderr=1&command=sh&command=-c&command=echo+hi');
  });

  it('pick the only container, and refuse as the API server does otherwise', () => {
    const loc = streamLocation('attach', pod(['nginx']), new URLSearchParams('stdout=true'), kubelet);
    expect('url' in loc && loc.url.pathname).toBe('/attach/default/web/nginx');
    expect(streamLocation('exec', pod(['a', 'b'], 'node1', ['init']), new URLSearchParams('command=ls'), kubelet)).toEqual({ badRequest: 'a container name must be specified for pod web, choose one of: [a b] or one of the init containers: [init]' });
    expect(streamLocation('exec', pod(['a']), new URLSearchParams('command=ls&container=zz'), kubelet)).toEqual({ badRequest: 'container zz is not valid for pod web' });
    expect(streamLocation('exec', pod(['a'], ''), new URLSearchParams('command=ls'), kubelet)).toEqual({ badRequest: 'pod web does not have a host assigned' });
  });

  it('forward log options and leave unscheduled pods empty', () => {
    const loc = logLocation(pod(['nginx']), new URLSearchParams('container=nginx&follow=true&tailLines=5'), kubelet);
    expect('url' in loc && loc.url.toString()).toBe('http://10.100.0.101:10250/containerLogs/default/web/nginx?follow=true&tailLines=5');
    expect(logLocation(pod(['nginx'], ''), new URLSearchParams(), kubelet)).toEqual({ empty: true });
  });
});
