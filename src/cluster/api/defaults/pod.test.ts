import { describe, expect, it } from 'vitest';
import type { Deployment, Pod } from '../types';
import { admitCreate, applyDefaults, prepareForCreate } from './index';

// What `kubectl get pod -o yaml` shows for a plain pod on a kubeadm cluster:
// SetDefaults_Pod/PodSpec/Container (pkg/apis/core/v1/defaults.go), the
// ServiceAccount, Priority and DefaultTolerationSeconds admission plugins, and
// the pod strategy's PrepareForCreate (phase Pending, QoS class, generation 1).
describe('a plain pod', () => {
  it('gets what kube-apiserver adds', () => {
    const pod: Pod = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.14', ports: [{ containerPort: 80 }] }] },
    };
    applyDefaults('Pod', pod);
    expect(admitCreate('Pod', pod)).toBeUndefined();
    prepareForCreate('Pod', pod);
    expect(pod).toEqual({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', generation: 1 },
      spec: {
        containers: [{
          name: 'nginx', image: 'nginx:1.14', imagePullPolicy: 'IfNotPresent',
          ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {},
          terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
        }],
        dnsPolicy: 'ClusterFirst', enableServiceLinks: true, preemptionPolicy: 'PreemptLowerPriority', priority: 0,
        restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {},
        serviceAccount: 'default', serviceAccountName: 'default', terminationGracePeriodSeconds: 30,
        tolerations: [
          { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
          { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
        ],
      },
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    });
  });

  it('defaults requests from limits and rounds quantities to canonical milli-units', () => {
    const pod: Pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: '0.25', memory: '1Gi' }, requests: { cpu: '0.0001' } } }] } };
    applyDefaults('Pod', pod);
    expect(pod.spec.containers[0].resources).toEqual({ limits: { cpu: '250m', memory: '1Gi' }, requests: { cpu: '1m', memory: '1Gi' } });
    expect(pod.spec.containers[0].resizePolicy).toEqual([
      { resourceName: 'cpu', restartPolicy: 'NotRequired' },
      { resourceName: 'memory', restartPolicy: 'NotRequired' },
    ]);
  });

  it('defaults probes, hostNetwork host ports and the deprecated serviceAccount field', () => {
    const pod: Pod = {
      metadata: { name: 'p' },
      spec: { hostNetwork: true, serviceAccount: 'builder', containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 8080 }], readinessProbe: { httpGet: { port: 8080 } } }] },
    };
    applyDefaults('Pod', pod);
    const c = pod.spec.containers[0];
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/', port: 8080, scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c.ports?.[0].hostPort).toBe(8080);
    expect(pod.spec.serviceAccountName).toBe('builder');
  });
});

describe('pod templates', () => {
  it('get pod-spec defaults but nothing pod-only', () => {
    const d: Deployment = {
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    };
    applyDefaults('Deployment', d);
    const spec = d.spec.template.spec;
    expect(spec.enableServiceLinks).toBeUndefined();
    expect(spec.tolerations).toBeUndefined();
    expect(spec.priority).toBeUndefined();
    expect(spec.terminationGracePeriodSeconds).toBe(30);
    expect(spec.containers[0].imagePullPolicy).toBe('Always');
  });
});
