import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../cluster/api/types';
import { judgeObject } from './object';
import type { ObjectCheck } from './spec';

const check = (over: Partial<ObjectCheck>): ObjectCheck => ({ type: 'object', kind: 'Service', namespace: 'default', name: 'nodeport-service', absent: false, fields: [], ...over });
const svc: KubeObject = { kind: 'Service', metadata: { name: 'nodeport-service' }, spec: { type: 'NodePort', clusterIP: '10.96.7.7', ports: [{ port: 80, nodePort: 30200 }] }, status: { loadBalancer: {} } };

describe('judgeObject', () => {
  it('passes when the object is there with every expected field', () => {
    expect(judgeObject(check({ fields: [{ path: 'spec.type', equals: 'NodePort' }, { path: 'spec.ports[0].nodePort', equals: '30200' }] }), svc)).toEqual({ passed: true });
  });

  it('says the object does not exist yet', () => {
    expect(judgeObject(check({}), undefined)).toEqual({ passed: false, reason: { ko: 'Service nodeport-service이(가) 아직 없습니다.', en: 'There is no Service nodeport-service yet.' } });
  });

  it('says which field differs and how', () => {
    const v = judgeObject(check({ fields: [{ path: 'spec.type', equals: 'ClusterIP' }] }), svc);
    expect(v.reason?.en).toBe('Service nodeport-service has spec.type = NodePort, not ClusterIP.');
  });

  it('checks exists and matches, saying what is not set yet', () => {
    const lb = check({ fields: [{ path: 'status.loadBalancer.ingress[0].ip', matches: '^10\\.100\\.0\\.24[0-9]$' }] });
    expect(judgeObject(lb, svc).reason?.en).toBe('Service nodeport-service has no status.loadBalancer.ingress[0].ip yet.');
    const withIP = { ...svc, status: { loadBalancer: { ingress: [{ ip: '10.100.0.240' }] } } };
    expect(judgeObject(lb, withIP).passed).toBe(true);
    expect(judgeObject(lb, { ...svc, status: { loadBalancer: { ingress: [{ ip: '192.168.1.1' }] } } }).passed).toBe(false);
    expect(judgeObject(check({ fields: [{ path: 'spec.ports[0].nodePort', exists: true }] }), svc).passed).toBe(true);
    expect(judgeObject(check({ fields: [{ path: 'spec.externalName', exists: true }] }), svc).passed).toBe(false);
  });

  it('with absent: passes only when the object is gone', () => {
    expect(judgeObject(check({ absent: true }), undefined).passed).toBe(true);
    expect(judgeObject(check({ absent: true }), svc).reason?.en).toBe('Service nodeport-service still exists.');
  });
});
