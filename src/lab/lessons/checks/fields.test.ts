import { describe, expect, it } from 'vitest';
import { fieldAt, fieldPath } from './fields';

describe('fieldAt', () => {
  const svc = { spec: { ports: [{ nodePort: 30200 }] }, status: { loadBalancer: { ingress: [{ ip: '10.100.0.240' }] } } };

  it('follows dotted paths with [i] or .i indexes', () => {
    expect(fieldPath('spec.ports[0].nodePort')).toEqual(['spec', 'ports', 0, 'nodePort']);
    expect(fieldAt(svc, 'spec.ports[0].nodePort')).toBe(30200);
    expect(fieldAt(svc, 'spec.ports.0.nodePort')).toBe(30200);
    expect(fieldAt(svc, 'status.loadBalancer.ingress[0].ip')).toBe('10.100.0.240');
  });

  it('is undefined past a missing step', () => {
    expect(fieldAt(svc, 'status.loadBalancer.ingress[1].ip')).toBeUndefined();
    expect(fieldAt(svc, 'spec.clusterIP.x')).toBeUndefined();
  });
});
