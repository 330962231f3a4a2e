// Bodies the real kubectl 1.35 sent, captured by scripts/capture-kubectl-protobuf.ts.
// Each NAME.json holds the same object as kubectl's own Go JSON encoder printed it
// (--dry-run=client -o json): the decoded body must be that JSON, key order included.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeObject } from '../schema';
import { decodeProtobuf } from './index';

const dir = join(__dirname, 'testdata');
const load = (name: string) => readFileSync(join(dir, name));
const cases = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));

describe('real kubectl protobuf bodies', () => {
  it('has the captured cases', () => {
    expect(cases).toEqual(expect.arrayContaining(['deployment', 'deployment-zero', 'namespace', 'service-clusterip', 'service-nodeport', 'service-loadbalancer', 'service-externalname', 'service-headless']));
  });

  for (const name of cases) {
    it(`${name}: decodes to what kubectl's JSON encoder writes`, () => {
      const { object } = JSON.parse(load(`${name}.json`).toString('utf8')) as { object: { apiVersion: string; kind: string } };
      const body = load(`${name}.bin`);
      expect([...body.subarray(0, 4)]).toEqual([0x6b, 0x38, 0x73, 0x00]);
      const decoded = decodeProtobuf(body, { apiVersion: object.apiVersion, kind: object.kind });
      expect(JSON.stringify(decoded)).toBe(JSON.stringify(object));
      // And the JSON path takes it as it is, strictly.
      const result = decodeObject(object.kind, object.apiVersion, decoded, 'Strict');
      expect(result).toMatchObject({ warnings: [] });
    });
  }

  it('deployment-zero keeps replicas: 0 (a pointer that was set), and the container command', () => {
    const decoded = decodeProtobuf(load('deployment-zero.bin'), { apiVersion: 'apps/v1', kind: 'Deployment' }) as { spec: { replicas: number; template: { spec: { containers: { command: string[] }[] } } } };
    expect(decoded.spec.replicas).toBe(0);
    expect(decoded.spec.template.spec.containers[0]!.command).toEqual(['nginx', '-g', 'daemon off;']);
  });

  it('drain-delete: the DeleteOptions kubectl drain sends with a pod deletion', () => {
    expect(decodeProtobuf(load('drain-delete.bin'), { apiVersion: 'v1', kind: 'DeleteOptions' })).toEqual({ kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 7 });
  });
});
