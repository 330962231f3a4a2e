import { describe, expect, it } from 'vitest';
import { applyDefaults, prepareForCreate, prepareForUpdate } from '../defaults';
import { errorString } from '../errors';
import type { Service, ServiceSpec } from '../types';
import { validateObject } from './index';

// Expected texts are upstream's (pkg/apis/core/validation/validation.go:
// ValidateService, validateServicePort, ValidateServiceClusterIPsRelatedFields,
// validateUpgradeDowngradeClusterIPs), after defaulting as kube-apiserver does.
function svc(spec: ServiceSpec, name = 'web'): Service {
  const s: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec };
  applyDefaults('Service', s);
  prepareForCreate('Service', s);
  return s;
}
const create = (s: Service): string[] => validateObject('Service', s).map(errorString);

describe('Service create', () => {
  it('accepts the lesson services', () => {
    expect(create(svc({ selector: { app: 'webui' }, ports: [{ port: 80 }], clusterIP: '10.100.100.100' }))).toEqual([]);
    expect(create(svc({ type: 'NodePort', selector: { app: 'webui' }, ports: [{ port: 80, nodePort: 30200 }] }))).toEqual([]);
    expect(create(svc({ clusterIP: 'None', selector: { app: 'webui' }, ports: [{ port: 80 }] }))).toEqual([]);
    expect(create(svc({ type: 'ExternalName', externalName: 'web.example.com.' }))).toEqual([]);
  });

  it('checks port numbers', () => {
    expect(create(svc({ ports: [{ port: 0, targetPort: 80 }] }))).toEqual([
      'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
  });

  it('needs names when there is more than one port, unique ones', () => {
    expect(create(svc({ ports: [{ port: 80 }, { port: 443 }] }))).toEqual([
      'spec.ports[0].name: Required value',
      'spec.ports[1].name: Required value',
    ]);
    expect(create(svc({ ports: [{ name: 'http', port: 80 }, { name: 'http', port: 443 }] }))).toEqual([
      'spec.ports[1].name: Duplicate value: "http"',
    ]);
  });

  it('refuses the same port and protocol twice, printing the internal ServicePort', () => {
    expect(create(svc({ ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80, targetPort: 8080 }] }))).toEqual([
      'spec.ports[1]: Duplicate value: {"Name":"","Protocol":"TCP","AppProtocol":null,"Port":80,"TargetPort":0,"NodePort":0}',
    ]);
  });

  it('checks protocol and targetPort', () => {
    expect(create(svc({ ports: [{ port: 80, protocol: 'HTTP' as 'TCP' }] }))).toEqual([
      'spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ]);
    expect(create(svc({ ports: [{ port: 80, targetPort: '8080' }] }))).toEqual([
      'spec.ports[0].targetPort: Invalid value: "8080": must contain at least one letter (a-z)',
    ]);
  });

  it('forbids a nodePort on a ClusterIP service', () => {
    expect(create(svc({ ports: [{ port: 80, nodePort: 30200 }] }))).toEqual([
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ]);
  });

  it('refuses headless NodePort and LoadBalancer services', () => {
    expect(create(svc({ type: 'NodePort', clusterIP: 'None', ports: [{ port: 80 }] }))).toEqual([
      "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services",
    ]);
    expect(create(svc({ type: 'LoadBalancer', clusterIP: 'None', ports: [{ port: 80 }] }))).toEqual([
      "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for LoadBalancer services",
    ]);
  });

  it('needs a DNS-1123 externalName and no cluster IP for ExternalName', () => {
    expect(create(svc({ type: 'ExternalName' }))).toEqual(['spec.externalName: Required value']);
    expect(create(svc({ type: 'ExternalName', externalName: 'Web_Site' }))).toEqual([
      "spec.externalName: Invalid value: \"Web_Site\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
    expect(create(svc({ type: 'ExternalName', externalName: 'a.example.com', clusterIP: '10.96.0.5' }))).toEqual([
      'spec.clusterIPs: Forbidden: may not be set for ExternalName services',
    ]);
  });

  it('requires ports unless headless or ExternalName', () => {
    expect(create(svc({ selector: { app: 'x' } }))).toEqual(['spec.ports: Required value']);
  });

  it('checks the type and the cluster IP text', () => {
    expect(create(svc({ type: 'Public' as 'NodePort', ports: [{ port: 80 }] }))).toEqual([
      'spec.type: Unsupported value: "Public": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
    expect(create(svc({ clusterIP: '10.100.100', ports: [{ port: 80 }] }))).toEqual([
      'spec.clusterIPs[0]: Invalid value: "10.100.100": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ]);
  });

  it('checks session affinity', () => {
    expect(create(svc({ ports: [{ port: 80 }], sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } }))).toEqual([
      'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400',
    ]);
    expect(create(svc({ ports: [{ port: 80 }], sessionAffinity: 'Sticky' as 'None' }))).toEqual([
      'spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"',
    ]);
  });

  it('allows externalTrafficPolicy only where traffic comes from outside', () => {
    expect(create(svc({ ports: [{ port: 80 }], externalTrafficPolicy: 'Local' }))).toEqual([
      'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
    ]);
  });

  it('allows loadBalancerSourceRanges only on LoadBalancers (with upstream\'s capitalised path)', () => {
    expect(create(svc({ type: 'NodePort', ports: [{ port: 80 }], loadBalancerSourceRanges: ['10.0.0.0/8', 'x'] }))).toEqual([
      "spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'",
      'spec.LoadBalancerSourceRanges[1]: Invalid value: "x": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    ]);
  });

  it('checks ipFamilies and ipFamilyPolicy values', () => {
    expect(create(svc({ ports: [{ port: 80 }], ipFamilies: ['IPv5'], ipFamilyPolicy: 'Single' }))).toEqual([
      'spec.ipFamilies[0]: Unsupported value: "IPv5": supported values: "IPv4", "IPv6"',
      'spec.ipFamilyPolicy: Unsupported value: "Single": supported values: "PreferDualStack", "RequireDualStack", "SingleStack"',
    ]);
  });

  it('checks the name as a DNS-1035 label', () => {
    expect(create(svc({ ports: [{ port: 80 }] }, '1web'))).toEqual([
      "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });
});

describe('Service update', () => {
  function stored(spec: ServiceSpec): Service {
    const s = svc(spec);
    s.metadata.resourceVersion = '5';
    s.spec.clusterIP = '10.96.0.20';
    s.spec.clusterIPs = ['10.96.0.20'];
    s.spec.ipFamilies = ['IPv4'];
    s.spec.ipFamilyPolicy = 'SingleStack';
    return s;
  }
  const update = (next: Service, old: Service): string[] => {
    applyDefaults('Service', next);
    prepareForUpdate('Service', next, old);
    return validateObject('Service', next, old).map(errorString);
  };

  it('refuses a new clusterIP', () => {
    const old = stored({ ports: [{ port: 80 }] });
    const next = structuredClone(old);
    next.spec.clusterIP = '10.96.0.30';
    expect(update(next, old)).toEqual(['spec.clusterIPs[0]: Invalid value: ["10.96.0.30"]: may not change once set']);
  });

  it('accepts a re-sent manifest without the allocated clusterIP', () => {
    const old = stored({ ports: [{ port: 80 }] });
    const next: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', resourceVersion: '5' }, spec: { ports: [{ port: 80 }] } };
    expect(update(next, old)).toEqual([]);
    expect(next.spec.clusterIPs).toEqual(['10.96.0.20']);
  });

  it('drops node ports when a NodePort service becomes ClusterIP', () => {
    const old = stored({ type: 'NodePort', ports: [{ port: 80, nodePort: 30200 }] });
    const next = structuredClone(old);
    next.spec.type = 'ClusterIP';
    expect(update(next, old)).toEqual([]);
    expect(next.spec.ports?.[0].nodePort).toBeUndefined();
    expect(next.spec.externalTrafficPolicy).toBeUndefined();
  });

  it('requires the resourceVersion and keeps the name', () => {
    const old = stored({ ports: [{ port: 80 }] });
    const next = structuredClone(old);
    delete next.metadata.resourceVersion;
    next.metadata.name = 'other';
    expect(update(next, old)).toEqual([
      'metadata.resourceVersion: Invalid value: "": must be specified for an update',
      'metadata.name: Invalid value: "other": field is immutable',
    ]);
  });
});
