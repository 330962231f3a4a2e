import { describe, expect, it } from 'vitest';
import type { Pod } from '../types';
import { admitPodCreate } from './admission';

const pod = (spec: Partial<Pod['spec']> = {}): Pod => ({ metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'x' }], ...spec } });

// plugin/pkg/admission/defaulttolerationseconds, .../priority, .../serviceaccount.
describe('pod admission', () => {
  it('adds no default tolerations to a pod that tolerates everything', () => {
    const p = pod({ tolerations: [{ operator: 'Exists' }] });
    admitPodCreate(p);
    expect(p.spec.tolerations).toEqual([{ operator: 'Exists' }]);
  });

  it('adds only the missing default toleration', () => {
    const p = pod({ tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 }] });
    admitPodCreate(p);
    expect(p.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('resolves the system priority classes and refuses unknown ones', () => {
    const p = pod({ priorityClassName: 'system-node-critical' });
    expect(admitPodCreate(p)).toBeUndefined();
    expect(p.spec.priority).toBe(2000001000);
    const refused = admitPodCreate(pod({ priorityClassName: 'gold' }));
    expect(refused).toMatchObject({ code: 403, reason: 'Forbidden', message: 'pods "web" is forbidden: no PriorityClass with name gold was found' });
    expect(admitPodCreate(pod({ priority: 7 }))?.message).toBe(
      'pods "web" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name');
  });

  it('mounts the service account token volume when asked to', () => {
    const p = pod();
    admitPodCreate(p, { serviceAccountVolume: true, random: () => 0 });
    expect(p.spec.volumes).toEqual([{
      name: 'kube-api-access-bbbbb',
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
          { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
        ],
      },
    }]);
    expect(p.spec.containers[0].volumeMounts).toEqual([{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: 'kube-api-access-bbbbb', readOnly: true }]);
    const plain = pod();
    admitPodCreate(plain);
    expect(plain.spec.volumes).toBeUndefined();
  });
});
