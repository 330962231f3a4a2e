import { describe, expect, it } from 'vitest';
import { admitCreate, applyDefaults, prepareForCreate, prepareForUpdate } from '../defaults';
import { errorString } from '../errors';
import type { Container, Pod } from '../types';
import { validateObject } from './index';
import { validateStatusUpdate } from './index';

// Expected texts: pkg/apis/core/validation/validation.go (validateContainerCommon,
// validateContainerPorts, validateResourceRequirements, validateProbe,
// ValidatePodUpdate) after kube-apiserver's defaulting and admission.
function pod(containers: Partial<Container>[], extra: Record<string, unknown> = {}): Pod {
  const p: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { containers: containers as Container[], ...extra } };
  applyDefaults('Pod', p);
  admitCreate('Pod', p);
  prepareForCreate('Pod', p);
  return p;
}
const create = (p: Pod): string[] => validateObject('Pod', p).map(errorString);

describe('Pod create', () => {
  it('accepts a plain nginx pod', () => {
    expect(create(pod([{ name: 'nginx', image: 'nginx:1.14', ports: [{ containerPort: 80 }] }]))).toEqual([]);
  });

  it('requires containers, names and images', () => {
    expect(create(pod([]))).toEqual(['spec.containers: Required value']);
    expect(create(pod([{ name: '', image: '' }]))).toEqual([
      'spec.containers[0].name: Required value',
      'spec.containers[0].image: Required value',
    ]);
  });

  it('checks container names and duplicates', () => {
    expect(create(pod([{ name: 'web', image: 'nginx' }, { name: 'web', image: 'busybox' }]))).toEqual([
      'spec.containers[1].name: Duplicate value: "web"',
    ]);
    expect(create(pod([{ name: 'Web', image: 'nginx' }]))[0]).toMatch(/^spec\.containers\[0\]\.name: Invalid value: "Web": a lowercase RFC 1123 label/);
  });

  it('checks ports', () => {
    expect(create(pod([{ name: 'web', image: 'nginx', ports: [{ containerPort: 70000 }, { containerPort: 0 }] }]))).toEqual([
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[1].containerPort: Required value',
    ]);
    expect(create(pod([{ name: 'web', image: 'nginx', ports: [{ containerPort: 80, protocol: 'tcp' }] }]))).toEqual([
      'spec.containers[0].ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"',
    ]);
  });

  it('checks restartPolicy and dnsPolicy', () => {
    expect(create(pod([{ name: 'web', image: 'nginx' }], { restartPolicy: 'Sometimes', dnsPolicy: 'Cluster' }))).toEqual([
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      'spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    ]);
  });

  it('checks requests against limits, in canonical quantities', () => {
    expect(create(pod([{ name: 'web', image: 'nginx', resources: { limits: { cpu: '500m' }, requests: { cpu: '1' } } }]))).toEqual([
      'spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m',
    ]);
    expect(create(pod([{ name: 'web', image: 'nginx', resources: { limits: { cpus: '1' } } }]))).toEqual([
      'spec.containers[0].resources.limits[cpus]: Invalid value: "cpus": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.limits[cpus]: Invalid value: "cpus": must be a standard resource for containers',
      'spec.containers[0].resources.requests[cpus]: Invalid value: "cpus": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.requests[cpus]: Invalid value: "cpus": must be a standard resource for containers',
    ]);
  });

  it('checks probes', () => {
    expect(create(pod([{ name: 'web', image: 'nginx', livenessProbe: { httpGet: { port: 0 }, successThreshold: 2 } }]))).toEqual([
      'spec.containers[0].livenessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
    ]);
    expect(create(pod([{ name: 'web', image: 'nginx', readinessProbe: { periodSeconds: 5 } }]))).toEqual([
      'spec.containers[0].readinessProbe: Required value: must specify a handler type',
    ]);
  });

  it('checks env names and downward API paths', () => {
    expect(create(pod([{ name: 'web', image: 'nginx', env: [{ name: 'A=B', value: 'x' }, { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodename' } } }] }]))).toEqual([
      "spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
      'spec.containers[0].env[1].valueFrom.fieldRef.fieldPath: Invalid value: "spec.nodename": error converting fieldPath: field label not supported: spec.nodename',
    ]);
  });

  it('refuses images with surrounding blanks', () => {
    expect(create(pod([{ name: 'web', image: 'nginx ' }]))).toEqual([
      'spec.containers[0].image: Invalid value: "nginx ": must not have leading or trailing whitespace',
    ]);
  });
});

describe('Pod update', () => {
  function stored(): Pod {
    const p = pod([{ name: 'web', image: 'nginx:1.14', ports: [{ containerPort: 80 }] }]);
    p.metadata.resourceVersion = '7';
    return p;
  }
  const update = (next: Pod, old: Pod): string[] => {
    applyDefaults('Pod', next);
    prepareForUpdate('Pod', next, old);
    return validateObject('Pod', next, old).map(errorString);
  };

  it('allows a new image', () => {
    const old = stored();
    const next = structuredClone(old);
    next.spec.containers[0].image = 'nginx:1.22';
    expect(update(next, old)).toEqual([]);
    expect(next.metadata.generation).toBe(2);
  });

  it('refuses other spec changes with upstream\'s message and a diff', () => {
    const old = stored();
    const next = structuredClone(old);
    next.spec.containers[0].ports![0].containerPort = 8080;
    const errs = update(next, old);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toBe(
      'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,' +
      '`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),' +
      '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n' +
      '  core.PodSpec{\n- \tContainers[0].Ports[0].ContainerPort: 80,\n+ \tContainers[0].Ports[0].ContainerPort: 8080,\n  }\n');
  });

  it('refuses adding containers', () => {
    const old = stored();
    const next = structuredClone(old);
    next.spec.containers.push({ name: 'side', image: 'busybox' });
    expect(update(next, old)).toEqual(['spec.containers: Forbidden: pod updates may not add or remove containers']);
  });

  it('lets a kubelet write status but not move the pod', () => {
    const old = stored();
    const next = structuredClone(old);
    next.status = { ...next.status, phase: 'Running', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }] };
    expect(validateStatusUpdate('Pod', next, old)).toEqual([]);
    next.spec.nodeName = 'node1';
    expect(validateStatusUpdate('Pod', next, old).map(errorString)).toEqual(['status.nodeName: Forbidden: may not be changed directly']);
  });
});
