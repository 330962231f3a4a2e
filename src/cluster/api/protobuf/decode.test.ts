// Bodies built field by field (test-encoder.ts) for what the captured kubectl bodies do
// not show: every special encoding, Go's JSON rules for zero values, and the errors.
import { describe, expect, it } from 'vitest';
import { decodeErrorMessage, decodeProtobuf, ProtobufDecodeError } from './index';
import { bytes, entry, envelope, fixed32, fixed64, int, intOrString, msg, str, varint } from './test-encoder';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const deployment = (raw: Uint8Array) => decodeProtobuf(envelope('apps/v1', 'Deployment', raw), { apiVersion: 'apps/v1', kind: 'Deployment' }) as Json;
const pod = (raw: Uint8Array) => decodeProtobuf(envelope('v1', 'Pod', raw), { apiVersion: 'v1', kind: 'Pod' }) as Json;
const service = (raw: Uint8Array) => decodeProtobuf(envelope('v1', 'Service', raw), { apiVersion: 'v1', kind: 'Service' }) as Json;

// Pod fields: 1 metadata, 2 spec; PodSpec 2 containers; Container 1 name, 2 image.
const container = (...fields: Uint8Array[]) => bytes(2, msg(bytes(2, msg(str(1, 'c'), str(2, 'nginx'), ...fields))));
const podWith = (...containerFields: Uint8Array[]) => pod(container(...containerFields)).spec.containers[0];

function failure(body: Uint8Array, kind = 'Deployment', apiVersion = 'apps/v1'): string {
  try {
    decodeProtobuf(body, { apiVersion, kind });
  } catch (err) {
    if (err instanceof ProtobufDecodeError) return decodeErrorMessage(err, kind, body);
    throw err;
  }
  throw new Error('decoded');
}

describe('Go JSON rules for what a message leaves zero', () => {
  it('keeps a pointer set to zero and drops an omitempty plain zero', () => {
    // DeploymentSpec 1 replicas (*int32), 5 minReadySeconds (int32, omitempty), 7 paused (bool, omitempty).
    const d = deployment(bytes(2, msg(int(1, 0), int(5, 0), int(7, false))));
    expect(d.spec).toEqual({ replicas: 0, template: { metadata: {}, spec: {} }, strategy: {} });
  });

  it('writes a struct that is not a pointer even when absent, and never an absent pointer', () => {
    expect(deployment(msg())).toEqual({ kind: 'Deployment', apiVersion: 'apps/v1', metadata: {}, spec: { template: { metadata: {}, spec: {} }, strategy: {} }, status: {} });
  });

  it('keeps a zero that has no omitempty (ContainerPort.containerPort)', () => {
    expect(podWith(bytes(6, msg(int(3, 0), str(4, 'TCP')))).ports).toEqual([{ containerPort: 0, protocol: 'TCP' }]);
  });

  it('drops a zero creationTimestamp (omitzero) and writes a set one in whole seconds', () => {
    expect(pod(bytes(1, msg(str(1, 'p'), bytes(8, [])))).metadata).toEqual({ name: 'p' });
    // Time keeps seconds only (time_proto.go); Go's zero time is also null.
    expect(pod(bytes(1, msg(bytes(8, msg(int(1, 1714564800), int(2, 999_000_000)))))).metadata).toEqual({ creationTimestamp: '2024-05-01T12:00:00Z' });
    expect(pod(bytes(1, msg(bytes(8, msg(int(1, -62135596800n)))))).metadata).toEqual({});
    expect(pod(bytes(1, msg(bytes(8, msg(int(1, 0)))))).metadata).toEqual({ creationTimestamp: '1970-01-01T00:00:00Z' });
    // A pointer Time that is set: deletionTimestamp (9).
    expect(pod(bytes(1, msg(bytes(9, msg(int(1, 86399)))))).metadata).toEqual({ deletionTimestamp: '1970-01-01T23:59:59Z' });
  });

  it('writes MicroTime with microseconds (core Event.eventTime)', () => {
    const event = decodeProtobuf(envelope('v1', 'Event', bytes(10, msg(int(1, 1714564800), int(2, 123_456_789)))), { apiVersion: 'v1', kind: 'Event' });
    expect(event).toMatchObject({ eventTime: '2024-05-01T12:00:00.123456Z', metadata: {}, involvedObject: {}, source: {} });
  });

  it('writes IntOrString as a number or a string, and 0 when absent', () => {
    // ServiceSpec 1 ports; ServicePort 3 port, 4 targetPort.
    const ports = (...p: Uint8Array[]) => service(bytes(2, msg(...p.map((x) => bytes(1, x))))).spec.ports;
    expect(ports(msg(int(3, 80), bytes(4, intOrString(8080))), msg(int(3, 81), bytes(4, intOrString('http'))), msg(int(3, 82)))).toEqual([
      { port: 80, targetPort: 8080 },
      { port: 81, targetPort: 'http' },
      { port: 82, targetPort: 0 },
    ]);
  });

  it('writes quantities as strings, in maps and behind pointers', () => {
    // Container 8 resources; ResourceRequirements 1 limits (map<string, Quantity>).
    const c = podWith(bytes(8, msg(entry(1, 'cpu', msg(str(1, '500m'))), entry(1, 'memory', msg(str(1, '64Mi'))))));
    expect(c.resources).toEqual({ limits: { cpu: '500m', memory: '64Mi' } });
    // PodSpec 1 volumes; Volume 1 name, 2 volumeSource (inline); VolumeSource 2 emptyDir; EmptyDir 2 sizeLimit (*Quantity).
    const spec = pod(bytes(2, msg(bytes(1, msg(str(1, 'v'), bytes(2, msg(bytes(2, msg(bytes(2, msg(str(1, '1Gi')))))))))))).spec;
    expect(spec.volumes).toEqual([{ name: 'v', emptyDir: { sizeLimit: '1Gi' } }]);
  });

  it('inlines embedded structs (Volume.volumeSource, Probe.handler)', () => {
    // Container 10 livenessProbe; Probe 1 handler (inline), 2 initialDelaySeconds; ProbeHandler 2 httpGet; HTTPGetAction 1 path, 2 port.
    const c = podWith(bytes(10, msg(bytes(1, msg(bytes(2, msg(str(1, '/healthz'), bytes(2, intOrString(8080)))))), int(2, 3))));
    expect(c.livenessProbe).toEqual({ httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 3 });
    expect(pod(bytes(2, msg(bytes(1, msg(str(1, 'v')))))).spec.volumes).toEqual([{ name: 'v' }]);
  });

  it('reads maps: entries in order, a repeated key wins, a missing value is the zero value', () => {
    const meta = pod(bytes(1, msg(entry(11, 'a', '1'), entry(11, 'b', '2'), entry(11, 'a', '3'), bytes(11, msg(str(1, 'empty')))))).metadata;
    expect(meta.labels).toEqual({ a: '3', b: '2', empty: '' });
    expect(Object.keys(meta.labels)).toEqual(['a', 'b', 'empty']);
    const odd = pod(bytes(1, msg(entry(12, '__proto__', 'x')))).metadata.annotations;
    expect(Object.keys(odd)).toEqual(['__proto__']);
  });

  it('reads repeated numbers packed and unpacked, negative numbers and int64s', () => {
    // Container 25 restartPolicyRules; rule 2 exitCodes; OnExitCodes 2 values ([]int32).
    const packed = bytes(2, [...varint(1), ...varint(-1), ...varint(255)]);
    const c = podWith(bytes(25, msg(str(1, 'Restart'), bytes(2, msg(str(1, 'In'), packed, int(2, 7))))));
    expect(c.restartPolicyRules).toEqual([{ action: 'Restart', exitCodes: { operator: 'In', values: [1, -1, 255, 7] } }]);
    // PodSpec 4 terminationGracePeriodSeconds (*int64).
    expect(pod(bytes(2, msg(int(4, 2n ** 40n)))).spec.terminationGracePeriodSeconds).toBe(2 ** 40);
    expect(pod(bytes(2, msg(int(4, -5)))).spec.terminationGracePeriodSeconds).toBe(-5);
  });

  it('merges a message that appears twice, and the last scalar wins', () => {
    const meta = pod(msg(bytes(1, msg(str(1, 'first'), entry(11, 'app', 'x'))), bytes(1, msg(str(1, 'second'))))).metadata;
    expect(meta).toEqual({ name: 'second', labels: { app: 'x' } });
  });

  it('skips fields it does not know, of every wire type', () => {
    const unknown = [...int(99, 5), ...fixed64(98), ...fixed32(97), ...bytes(96, 'x'), ...varint(95 * 8 + 3), ...int(1, 1), ...varint(95 * 8 + 4)];
    expect(pod(msg(Uint8Array.from(unknown), bytes(1, msg(str(1, 'p'))))).metadata).toEqual({ name: 'p' });
  });

  it('writes managedFields fieldsV1 as the JSON it carries', () => {
    // ObjectMeta 17 managedFields; entry 1 manager, 7 fieldsV1; FieldsV1 1 raw.
    const meta = pod(bytes(1, msg(bytes(17, msg(str(1, 'kubectl'), bytes(7, msg(bytes(1, '{"f:metadata":{}}')))))))).metadata;
    expect(meta.managedFields).toEqual([{ manager: 'kubectl', fieldsV1: { 'f:metadata': {} } }]);
  });
});

describe('the envelope', () => {
  it('takes apiVersion and kind from the endpoint when the envelope has none', () => {
    const body = envelope('', '', msg(bytes(1, msg(str(1, 'demo')))));
    expect(decodeProtobuf(body, { apiVersion: 'v1', kind: 'Namespace' })).toEqual({ kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'demo' }, spec: {}, status: {} });
  });

  it('decodes the kind the envelope names, not the endpoint kind', () => {
    const body = envelope('v1', 'Service', msg(bytes(1, msg(str(1, 's')))));
    expect(decodeProtobuf(body, { apiVersion: 'apps/v1', kind: 'Deployment' })).toMatchObject({ kind: 'Service', apiVersion: 'v1', spec: {}, status: { loadBalancer: {} } });
  });

  it('leaves a kind it has no message for to the JSON decoding to refuse', () => {
    expect(decodeProtobuf(envelope('v1', 'ConfigMap', msg(str(1, 'x'))), { apiVersion: 'v1', kind: 'Pod' })).toEqual({ kind: 'ConfigMap', apiVersion: 'v1' });
  });

  it('reads a Binding and a Scale, the subresource bodies', () => {
    const binding = envelope('v1', 'Binding', msg(bytes(1, msg(str(1, 'web'))), bytes(2, msg(str(1, 'Node'), str(3, 'node1')))));
    expect(decodeProtobuf(binding, { apiVersion: 'v1', kind: 'Binding' })).toEqual({ kind: 'Binding', apiVersion: 'v1', metadata: { name: 'web' }, target: { kind: 'Node', name: 'node1' } });
    // ScaleSpec.replicas is a plain int32 with omitempty: 0 is left out, as Go's JSON does.
    const scale = (n: number) => decodeProtobuf(envelope('autoscaling/v1', 'Scale', msg(bytes(2, msg(int(1, n))))), { apiVersion: 'autoscaling/v1', kind: 'Scale' });
    expect(scale(3)).toEqual({ kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: {}, spec: { replicas: 3 }, status: { replicas: 0 } });
    expect(scale(0)).toMatchObject({ spec: {} });
  });
});

describe('errors, as kube-apiserver words them', () => {
  it('refuses what is not a protobuf object, showing its first bytes', () => {
    expect(failure(Buffer.from('{"kind":"Deployment","apiVersion":"apps/v1","metadata":{}}'))).toBe(
      'the object provided is unrecognized (must be of type Deployment): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] ({"kind":"Deployment","apiVersi ...)',
    );
    expect(failure(Uint8Array.of(0x6b, 0x38, 0x73, 0x00))).toBe('the object provided is unrecognized (must be of type Deployment): empty body (6b387300)');
    expect(failure(Uint8Array.of(0x6b, 0x38, 0x73, 0x00, 0x0a, 0x05, 0x0a))).toBe('the object provided is unrecognized (must be of type Deployment): unexpected EOF (6b3873000a050a)');
  });

  it('names the kind once the envelope is read', () => {
    // Truncated: DeploymentSpec says 10 bytes, has 2.
    expect(failure(envelope('apps/v1', 'Deployment', [0x12, 0x0a, 0x08, 0x01]))).toBe('Deployment in version "v1" cannot be handled as a Deployment: unexpected EOF');
    // replicas (1) sent as a string.
    expect(failure(envelope('apps/v1', 'Deployment', bytes(2, str(1, 'three'))))).toBe('Deployment in version "v1" cannot be handled as a Deployment: proto: wrong wireType = 2 for field Replicas');
    expect(failure(envelope('apps/v1', 'Deployment', [0x00, 0x01]))).toBe('Deployment in version "v1" cannot be handled as a Deployment: proto: Deployment: illegal tag 0 (wire type 0)');
    expect(failure(envelope('apps/v1', 'Deployment', varint(2 * 8 + 4)))).toBe('Deployment in version "v1" cannot be handled as a Deployment: proto: Deployment: wiretype end group for non-group');
    expect(failure(envelope('apps/v1', 'Deployment', [...Array(10).fill(0xff), 0x01]))).toBe('Deployment in version "v1" cannot be handled as a Deployment: proto: integer overflow');
    expect(failure(envelope('apps/v1', 'Deployment', [0x0a, ...varint(-1)]))).toBe('Deployment in version "v1" cannot be handled as a Deployment: proto: negative length found during unmarshaling');
    expect(failure(envelope('apps/v1', 'Deployment', [...varint(9 * 8 + 7)]))).toBe('Deployment in version "v1" cannot be handled as a Deployment: proto: illegal wireType 7');
  });
});
