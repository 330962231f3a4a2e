// The protobuf schema read from kubectl's Go types: the committed file is what the
// generator makes, and its field numbers are upstream's generated.proto ones.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without type declarations
import { DEFAULT_KUBECTL, generate, OUT_FILE } from './gen-protobuf-schema.mjs';

const skip = existsSync(DEFAULT_KUBECTL) ? null : `no kubectl at ${DEFAULT_KUBECTL}`;
if (skip) console.warn(`[skip] protobuf schema generator tests: ${skip}`);

describe.skipIf(skip !== null)('gen-protobuf-schema', () => {
  const { schema, text } = skip ? { schema: {}, text: '' } : (generate() as { schema: Record<string, string[]>; text: string });
  const numbers = (name: string) => Object.fromEntries(schema[name]!.map((f) => f.split(' ')).map(([n, json]) => [json, Number(n)]));

  it('made the committed schema.gen.ts', () => {
    expect(text).toBe(readFileSync(OUT_FILE, 'utf8'));
  });

  it('has upstream generated.proto field numbers and names', () => {
    // apps/v1/generated.proto
    expect(numbers('apps.v1.ReplicaSetStatus')).toEqual({ replicas: 1, fullyLabeledReplicas: 2, readyReplicas: 4, availableReplicas: 5, terminatingReplicas: 7, observedGeneration: 3, conditions: 6 });
    expect(numbers('apps.v1.RollingUpdateDeployment')).toEqual({ maxUnavailable: 1, maxSurge: 2 });
    // discovery/v1/generated.proto
    expect(numbers('discovery.v1.EndpointSlice')).toEqual({ metadata: 1, addressType: 4, endpoints: 2, ports: 3 });
    expect(numbers('discovery.v1.EndpointPort')).toEqual({ name: 1, protocol: 2, port: 3, appProtocol: 4 });
  });

  it('knows which fields are pointers and which omit empty values', () => {
    expect(schema['apps.v1.DeploymentSpec']).toContain('1 replicas int32 po');
    expect(schema['autoscaling.v1.ScaleSpec']).toEqual(['1 replicas int32 o']);
    expect(schema['core.v1.ContainerPort']).toContain('3 containerPort int32 -');
    expect(schema['meta.v1.ObjectMeta']).toContain('8 creationTimestamp Time oz');
    expect(schema['core.v1.Volume']).toEqual(['1 name string -', '2 _ core.v1.VolumeSource i VolumeSource']);
    expect(schema['core.v1.ResourceRequirements']).toContain('1 limits Quantity mo');
  });
});
