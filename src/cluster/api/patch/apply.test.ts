import { describe, expect, it } from 'vitest';
import { applyPatch, patchObject, PatchError, STRATEGIC_MERGE_PATCH, MERGE_PATCH, JSON_PATCH } from './index';

const deployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'webui', namespace: 'default', labels: { app: 'webui' }, finalizers: ['a'] },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'webui' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      metadata: { labels: { app: 'webui' } },
      spec: {
        containers: [
          { name: 'nginx', image: 'nginx:1.14', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'A', value: '1' }] },
          { name: 'sidecar', image: 'busybox', command: ['sleep', '3600'] },
        ],
        volumes: [{ name: 'data', emptyDir: {} }],
      },
    },
  },
});

const smp = (patch: unknown, target: object = deployment()) => applyPatch('Deployment', target, JSON.stringify(patch), STRATEGIC_MERGE_PATCH);

describe('strategic merge patch on real kinds (what kubectl sends)', () => {
  it('kubectl label / annotate', () => {
    const r = smp({ metadata: { labels: { tier: 'web', app: null } } });
    expect(r.metadata).toEqual({ name: 'webui', namespace: 'default', labels: { tier: 'web' }, finalizers: ['a'] });
  });

  it('kubectl set image merges containers by name', () => {
    const r = smp({ spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } } }) as ReturnType<typeof deployment>;
    expect(r.spec.template.spec.containers.map((c) => [c.name, c.image])).toEqual([['nginx', 'nginx:1.25'], ['sidecar', 'busybox']]);
    expect(r.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
  });

  it('kubectl apply: a removed container, a new port, and the element order', () => {
    const r = smp({
      spec: {
        template: {
          spec: {
            $setElementOrder: undefined,
            '$setElementOrder/containers': [{ name: 'nginx' }],
            containers: [
              { name: 'nginx', '$setElementOrder/ports': [{ containerPort: 8080 }, { containerPort: 80 }], ports: [{ containerPort: 8080 }] },
              { name: 'sidecar', $patch: 'delete' },
            ],
          },
        },
      },
    }) as ReturnType<typeof deployment>;
    expect(r.spec.template.spec.containers).toHaveLength(1);
    expect(r.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 8080 }, { containerPort: 80, protocol: 'TCP' }]);
  });

  it('deployment strategy keeps only $retainKeys (switch to Recreate)', () => {
    const r = smp({ spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } } }) as ReturnType<typeof deployment>;
    expect(r.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('volumes change source with $retainKeys', () => {
    const r = smp({
      spec: { template: { spec: { volumes: [{ name: 'data', $retainKeys: ['configMap', 'name'], configMap: { name: 'cm' } }] } } },
    }) as { spec: { template: { spec: { volumes: unknown[] } } } };
    expect(r.spec.template.spec.volumes).toEqual([{ name: 'data', configMap: { name: 'cm' } }]);
  });

  it('finalizers merge as a primitive list and delete through the parallel list', () => {
    // Without $setElementOrder the patch's items come first: upstream's mergeSortedSlice.
    expect((smp({ metadata: { finalizers: ['b'] } }).metadata as { finalizers: string[] }).finalizers).toEqual(['b', 'a']);
    expect((smp({ metadata: { $deleteFromPrimitiveList: undefined, '$deleteFromPrimitiveList/finalizers': ['a'] } }).metadata as { finalizers: string[] }).finalizers).toEqual([]);
  });

  it('lists without a strategy are replaced (command, env of another kind)', () => {
    const r = smp({ spec: { template: { spec: { containers: [{ name: 'sidecar', command: ['true'] }] } } } }) as ReturnType<typeof deployment>;
    expect(r.spec.template.spec.containers[1].command).toEqual(['true']);
  });

  it('service ports merge by port', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: 80 }, { port: 443 }] } };
    const r = applyPatch('Service', svc, '{"spec":{"ports":[{"port":80,"nodePort":30200}]}}', STRATEGIC_MERGE_PATCH) as typeof svc;
    expect(r.spec.ports).toEqual([{ port: 80, targetPort: 80, nodePort: 30200 }, { port: 443 }]);
  });

  it('the target is not changed', () => {
    const d = deployment();
    smp({ spec: { replicas: 5 } }, d);
    expect(d.spec.replicas).toBe(1);
  });

  it('an unknown field met on both sides is an internal error, as upstream', () => {
    const withExtra = { ...deployment(), spec: { ...deployment().spec, extra: { a: 1 } } };
    try {
      smp({ spec: { extra: { a: 2 } } }, withExtra);
      throw new Error('expected failure');
    } catch (e) {
      expect(e).toBeInstanceOf(PatchError);
      expect((e as PatchError).status).toMatchObject({ code: 500, message: 'unable to find api field in struct DeploymentSpec for the json field "extra"' });
    }
  });

  it('a merge key missing from an item', () => {
    expect(() => smp({ spec: { template: { spec: { containers: [{ image: 'x' }] } } } })).toThrow(
      'map: map[image:x] does not contain declared merge key: name',
    );
  });

  it('a patch that is not an object is a bad request', () => {
    try {
      applyPatch('Deployment', deployment(), '[1]', STRATEGIC_MERGE_PATCH);
    } catch (e) {
      expect((e as PatchError).status).toMatchObject({ code: 400, reason: 'BadRequest', message: 'json: cannot unmarshal array into Go value of type map[string]interface {}' });
      return;
    }
    throw new Error('expected failure');
  });
});

describe('other patch types through applyPatch', () => {
  it('kubectl scale sends a merge patch', () => {
    expect((applyPatch('Deployment', deployment(), '{"spec":{"replicas":3}}', `${MERGE_PATCH}; charset=utf-8`).spec as { replicas: number }).replicas).toBe(3);
  });

  it('JSON patch failures are 422 with the detail as a cause', () => {
    try {
      applyPatch('Deployment', deployment(), '[{"op":"replace","path":"/spec/nope","value":1}]', JSON_PATCH);
    } catch (e) {
      expect((e as PatchError).status).toEqual({
        kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 422, reason: 'Invalid',
        message: 'the server rejected our request due to an error in our request',
        details: { causes: [{ reason: 'UnexpectedServerResponse', message: 'replace operation does not apply: doc is missing key: /spec/nope: missing value' }] },
      });
      return;
    }
    throw new Error('expected failure');
  });

  it('an unknown content type is 415', () => {
    expect(() => applyPatch('Deployment', deployment(), '{}', 'application/json')).toThrow(/unknown format/);
  });
});

describe('patchObject: the PATCH flow with field validation', () => {
  const base = { kind: 'Deployment', apiVersion: 'apps/v1', current: deployment(), contentType: STRATEGIC_MERGE_PATCH };

  it('returns the decoded object', () => {
    const r = patchObject({ ...base, patch: '{"spec":{"replicas":4}}', fieldValidation: 'Strict' });
    expect('object' in r && (r.object.spec as { replicas: number }).replicas).toBe(4);
  });

  it('Strict refuses an unknown field as Invalid on "patch"', () => {
    const r = patchObject({ ...base, patch: '{"spec":{"replicaz":4}}', fieldValidation: 'Strict' });
    expect('status' in r && r.status).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: ' "" is invalid: patch: Invalid value: "map[spec:map[replicaz:4]]": strict decoding error: unknown field "spec.replicaz"',
    });
  });

  it('Warn reports duplicate patch fields and unknown fields, in that order', () => {
    const r = patchObject({ ...base, patch: '{"spec":{"replicaz":4,"replicas":2,"replicas":3}}', fieldValidation: 'Warn' });
    expect('warnings' in r && r.warnings).toEqual(['duplicate field "spec.replicas"', 'unknown field "spec.replicaz"']);
    expect('object' in r && (r.object.spec as { replicas: number }).replicas).toBe(3);
  });

  it('JSON patch operations with unknown fields', () => {
    const r = patchObject({ ...base, contentType: JSON_PATCH, patch: '[{"op":"replace","path":"/spec/replicas","value":2,"valeu":3}]', fieldValidation: 'Warn' });
    expect('warnings' in r && r.warnings).toEqual(['json patch unknown field "[0].valeu"']);
  });

  it('a patched object of the wrong type is Invalid with the decoder error', () => {
    const r = patchObject({ ...base, contentType: MERGE_PATCH, patch: '{"spec":{"replicas":"3"}}', fieldValidation: 'Ignore' });
    expect('status' in r && r.status.message).toMatch(/^ "" is invalid: patch: Invalid value: "\{.*\}": json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32$/);
  });

  it('a strategic merge patch of the wrong type: the unstructured converter\'s words', () => {
    const bad = (patch: string) => {
      const r = patchObject({ ...base, patch, fieldValidation: 'Strict' });
      return 'status' in r ? r.status.message : '';
    };
    expect(bad('{"spec":{"replicas":"3"}}')).toBe(' "" is invalid: patch: Invalid value: "map[spec:map[replicas:3]]": unrecognized type: int32');
    expect(bad('{"spec":{"replicas":1.5}}')).toContain('cannot convert float64 to int32');
    expect(bad('{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":5}]}}}}')).toContain(': cannot convert int64 to string');
    expect(bad('{"spec":{"selector":"app=webui"}}')).toContain(': cannot restore struct from: string');
    expect(bad('{"metadata":{"labels":["a"]}}')).toContain(': cannot restore map from slice');
  });

  it('a merge patch that is not an object, with Strict', () => {
    const r = patchObject({ ...base, contentType: MERGE_PATCH, patch: '[]', fieldValidation: 'Strict' });
    expect('status' in r && r.status).toMatchObject({ code: 400, message: 'error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}' });
  });
});
