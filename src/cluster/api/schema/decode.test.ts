import { describe, expect, it } from 'vitest';
import { decodeObject, fieldValidationOf, type DecodeResult } from './decode';

function message(r: DecodeResult): string {
  if (!('status' in r)) throw new Error(`expected a failure, got ${JSON.stringify(r)}`);
  expect(r.status).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'BadRequest', code: 400 });
  return r.status.message ?? '';
}

function ok(r: DecodeResult) {
  if ('status' in r) throw new Error(`expected success, got ${r.status.message}`);
  return r;
}

const deployment = (spec: string) =>
  `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"webui"},"spec":${spec}}`;
const template = '{"metadata":{"labels":{"app":"webui"}},"spec":{"containers":[{"name":"nginx","image":"nginx"}]}}';

describe('decodeObject strict decoding', () => {
  it('accepts a valid deployment and keeps every field', () => {
    const r = ok(decodeObject('Deployment', 'apps/v1', deployment(`{"replicas":3,"selector":{"matchLabels":{"app":"webui"}},"template":${template}}`), 'Strict'));
    expect(r.warnings).toEqual([]);
    expect(r.object).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'webui' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'webui' } },
        template: { metadata: { labels: { app: 'webui' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
      },
    });
  });

  it('lists unknown fields with their paths in the order met', () => {
    const r = decodeObject('Deployment', 'apps/v1', deployment(`{"foo":1,"template":{"spec":{"containers":[{"name":"a","imagee":"x"}]}},"bar":2}`), 'Strict');
    expect(message(r)).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: ' +
        'unknown field "spec.foo", unknown field "spec.template.spec.containers[0].imagee", unknown field "spec.bar"',
    );
  });

  it('reports duplicate fields, in structs and in maps', () => {
    const r = decodeObject('Pod', 'v1', '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","labels":{"x":"1","x":"2"},"name":"b"},"spec":{"containers":[]}}', 'Strict');
    expect(message(r)).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: duplicate field "metadata.labels.x", duplicate field "metadata.name"',
    );
  });

  it('warns instead of failing with Warn, and drops the unknown field', () => {
    const r = ok(decodeObject('Service', 'v1', '{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"ports":[{"port":80,"nodeport":30200}]}}', 'Warn'));
    expect(r.warnings).toEqual(['unknown field "spec.ports[0].nodeport"']);
    expect(r.object.spec).toEqual({ ports: [{ port: 80 }] });
  });

  it('ignores silently with Ignore; a repeated key keeps its last value', () => {
    const r = ok(decodeObject('Pod', 'v1', '{"kind":"Pod","metadata":{"name":"a","name":"b","zzz":1}}', 'Ignore'));
    expect(r.warnings).toEqual([]);
    expect(r.object).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b' } });
  });

  it('is case-sensitive like sigs.k8s.io/json', () => {
    const r = decodeObject('Deployment', 'apps/v1', deployment('{"Replicas":1}'), 'Strict');
    expect(message(r)).toContain('unknown field "spec.Replicas"');
  });

  it('accepts fields the lab never uses (affinity, probes, volumes, securityContext)', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', annotations: { a: 'b' }, ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'n', uid: 'u', controller: true }] },
      spec: {
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }] }] } } },
        securityContext: { runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' }, sysctls: [{ name: 'a', value: 'b' }] },
        volumes: [{ name: 'v', configMap: { name: 'cm', items: [{ key: 'k', path: 'p', mode: 420 }] } }, { name: 'e', emptyDir: { sizeLimit: '1Gi' } }],
        containers: [{
          name: 'c',
          image: 'nginx',
          livenessProbe: { httpGet: { path: '/', port: 'http', httpHeaders: [{ name: 'h', value: 'v' }] }, periodSeconds: 5 },
          readinessProbe: { tcpSocket: { port: 80 } },
          startupProbe: { exec: { command: ['true'] }, failureThreshold: 30 },
          lifecycle: { preStop: { sleep: { seconds: 5 } } },
          resources: { limits: { cpu: '500m', memory: 128974848 }, requests: { cpu: 0.25 } },
          env: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }],
          securityContext: { capabilities: { add: ['NET_ADMIN'] }, readOnlyRootFilesystem: true },
        }],
        tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }],
      },
    };
    const r = ok(decodeObject('Pod', 'v1', JSON.stringify(pod), 'Strict'));
    expect(r.object.spec).toEqual({
      ...pod.spec,
      containers: [{ ...pod.spec.containers[0], resources: { limits: { cpu: '500m', memory: '128974848' }, requests: { cpu: '250m' } } }],
    });
  });
});

describe('decodeObject type errors (Go encoding/json texts)', () => {
  const svc = (port: string) => `{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"ports":[{"port":${port}}]}}`;

  it('string into int32', () => {
    expect(message(decodeObject('Service', 'v1', svc('"80"'), 'Strict'))).toBe(
      'Service in version "v1" cannot be handled as a Service: json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32',
    );
  });

  it('numbers that are not int32 show their literal', () => {
    expect(message(decodeObject('Service', 'v1', svc('80.0'), 'Strict'))).toContain('cannot unmarshal number 80.0 into Go struct field ServicePort.spec.ports.port of type int32');
    expect(message(decodeObject('Service', 'v1', svc('2147483648'), 'Strict'))).toContain('cannot unmarshal number 2147483648 into');
  });

  it('named Go types, slices and structs', () => {
    const bad = (spec: string) => message(decodeObject('Service', 'v1', `{"kind":"Service","spec":${spec}}`, 'Strict'));
    expect(bad('{"ports":[{"port":1,"protocol":6}]}')).toContain('cannot unmarshal number into Go struct field ServicePort.spec.ports.protocol of type v1.Protocol');
    expect(bad('{"ports":{"port":1}}')).toContain('cannot unmarshal object into Go struct field ServiceSpec.spec.ports of type []v1.ServicePort');
    expect(bad('{"selector":{"app":1}}')).toContain('cannot unmarshal number into Go struct field ServiceSpec.spec.selector of type string');
    expect(bad('"x"')).toContain('cannot unmarshal string into Go struct field Service.spec of type v1.ServiceSpec');
  });

  it('a type error wins over unknown fields', () => {
    expect(message(decodeObject('Service', 'v1', `{"kind":"Service","foo":1,"spec":{"type":5}}`, 'Strict'))).toBe(
      'Service in version "v1" cannot be handled as a Service: json: cannot unmarshal number into Go struct field ServiceSpec.spec.type of type v1.ServiceType',
    );
  });

  it('IntOrString reports without field context, as intstr does', () => {
    expect(message(decodeObject('Service', 'v1', `{"kind":"Service","spec":{"ports":[{"port":80,"targetPort":true}]}}`, 'Strict'))).toBe(
      'Service in version "v1" cannot be handled as a Service: json: cannot unmarshal bool into Go value of type int32',
    );
    expect(message(decodeObject('Service', 'v1', `{"kind":"Service","spec":{"ports":[{"port":80,"targetPort":8.5}]}}`, 'Strict'))).toContain(
      'cannot unmarshal number 8.5 into Go value of type int32',
    );
  });

  it('quantities must parse', () => {
    const pod = (q: string) => `{"kind":"Pod","spec":{"containers":[{"name":"c","resources":{"limits":{"cpu":${q}}}}]}}`;
    expect(message(decodeObject('Pod', 'v1', pod('"1 cpu"'), 'Strict'))).toBe(
      "Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
    expect(message(decodeObject('Pod', 'v1', pod('"1kk"'), 'Strict'))).toContain("unable to parse quantity's suffix");
    expect(ok(decodeObject('Pod', 'v1', pod('"1e3"'), 'Strict')).object).toBeTruthy();
  });

  it('times are RFC 3339 and come back in UTC', () => {
    const ev = (t: string) => `{"kind":"Event","metadata":{"name":"e","creationTimestamp":${t}},"involvedObject":{}}`;
    expect(ok(decodeObject('Event', 'v1', ev('"2024-05-01T09:00:00+09:00"'), 'Strict')).object.metadata).toEqual({ name: 'e', creationTimestamp: '2024-05-01T00:00:00Z' });
    expect(message(decodeObject('Event', 'v1', ev('"yesterday"'), 'Strict'))).toBe(
      'Event in version "v1" cannot be handled as a Event: parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
    );
    expect(message(decodeObject('Event', 'v1', ev('5'), 'Strict'))).toContain('json: cannot unmarshal number into Go value of type string');
  });

  it('null fields are dropped, as a Go round trip leaves them', () => {
    const r = ok(decodeObject('Pod', 'v1', '{"kind":"Pod","metadata":{"name":"a","labels":null},"spec":null}', 'Strict'));
    expect(r.object).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' } });
  });
});

describe('decodeObject kinds and bodies', () => {
  it('defaults apiVersion and kind from the endpoint', () => {
    expect(ok(decodeObject('Namespace', 'v1', '{"metadata":{"name":"n"}}', 'Strict')).object).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } });
  });

  it('accepts an already parsed body', () => {
    expect(ok(decodeObject('Namespace', 'v1', { metadata: { name: 'n' } }, 'Strict')).object.metadata).toEqual({ name: 'n' });
    expect(message(decodeObject('Namespace', 'v1', { metadata: { name: 'n', x: 1 } }, 'Strict'))).toContain('unknown field "metadata.x"');
  });

  it('an unregistered kind or version', () => {
    expect(message(decodeObject('Deployment', 'apps/v1', '{"apiVersion":"apps/v1beta1","kind":"Deployment"}', 'Strict'))).toBe(
      'Deployment in version "v1beta1" cannot be handled as a Deployment: no kind "Deployment" is registered for version "apps/v1beta1" in scheme "pkg/api/legacyscheme/scheme.go:30"',
    );
  });

  it('another kind cannot be converted', () => {
    expect(message(decodeObject('Pod', 'v1', '{"apiVersion":"v1","kind":"Service"}', 'Strict'))).toBe(
      'Service in version "v1" cannot be handled as a Pod: converting (v1.Service) to (core.Pod): unknown conversion',
    );
  });

  it('the same kind from another group is refused by version', () => {
    expect(message(decodeObject('Event', 'v1', '{"apiVersion":"events.k8s.io/v1","kind":"Event","eventTime":null}', 'Strict'))).toBe(
      'the API version in the data (events.k8s.io/v1) does not match the expected API version (v1)',
    );
  });

  it('malformed JSON', () => {
    expect(message(decodeObject('Pod', 'v1', '{"kind":"Pod",', 'Strict'))).toBe(
      'the object provided is unrecognized (must be of type Pod): couldn\'t get version/kind; json parse error: unexpected end of JSON input ({"kind":"Pod",)',
    );
    expect(message(decodeObject('Pod', 'v1', Buffer.from('{"kind" "Pod"}'), 'Strict'))).toContain("invalid character '\"' after object key");
  });
});

describe('fieldValidationOf', () => {
  it('defaults to Warn and refuses other values', () => {
    expect(fieldValidationOf(undefined)).toBe('Warn');
    expect(fieldValidationOf('Strict')).toBe('Strict');
    expect(fieldValidationOf('strict')).toBeUndefined();
  });
});
