// Protobuf request bodies over HTTP to our API server (assembled in-process): creates,
// updates and the subresources that read their own bodies (scale, binding), and the
// 400s for bodies that are not protobuf objects.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytes, envelope, int, msg, str } from '../api/protobuf/test-encoder';
import { startTestApiServer, type TestApiServer } from '../testing/apiserver';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PROTOBUF = 'application/vnd.kubernetes.protobuf';
const fixture = (name: string) => readFileSync(join(__dirname, '../api/protobuf/testdata', `${name}.bin`));

let api: TestApiServer;
beforeAll(async () => {
  api = await startTestApiServer();
});
afterAll(async () => {
  await api.close();
});

async function send(method: string, path: string, body: Uint8Array | string, type = PROTOBUF): Promise<{ code: number; json: Json }> {
  const res = await fetch(`${api.url}${path}`, { method, body, headers: { 'content-type': type, accept: 'application/json' } });
  return { code: res.status, json: (await res.json()) as Json };
}

describe('protobuf bodies', () => {
  it('creates a deployment from what kubectl create deployment sends', async () => {
    const { code, json } = await send('POST', '/apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-create&fieldValidation=Strict', fixture('deployment'));
    expect(code).toBe(201);
    expect(json).toMatchObject({ kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'hello', namespace: 'default', labels: { app: 'hello' } }, spec: { replicas: 1 } });
    expect(json.spec.template.spec.containers).toMatchObject([{ name: 'nginx', image: 'nginx', imagePullPolicy: 'Always', resources: {} }]);
    expect(json.metadata.creationTimestamp).toMatch(/Z$/);
  });

  it('creates a service, which gets its defaults and a cluster IP', async () => {
    const { code, json } = await send('POST', '/api/v1/namespaces/default/services', fixture('service-nodeport'));
    expect(code).toBe(201);
    expect(json.spec).toMatchObject({ type: 'NodePort', ports: [{ name: '80-8080', port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }], sessionAffinity: 'None' });
    expect(json.spec.clusterIP).toMatch(/^10\./);
  });

  it('updates with PUT', async () => {
    const current = (await send('POST', '/api/v1/namespaces', fixture('namespace'))).json;
    const rv = current.metadata.resourceVersion as string;
    const body = envelope('v1', 'Namespace', msg(bytes(1, msg(str(1, 'demo'), str(6, rv), bytes(11, msg(str(1, 'team'), str(2, 'blue')))))));
    const { code, json } = await send('PUT', '/api/v1/namespaces/demo', body);
    expect(code).toBe(200);
    expect(json.metadata.labels).toMatchObject({ team: 'blue' });
  });

  it('answers 400 for a body that is not a protobuf object, or a broken one', async () => {
    const notProto = await send('POST', '/api/v1/namespaces', '{"metadata":{"name":"x"}}');
    expect(notProto.code).toBe(400);
    expect(notProto.json).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      message: 'the object provided is unrecognized (must be of type Namespace): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] ({"metadata":{"name":"x"}})',
    });
    const broken = await send('POST', '/apis/apps/v1/namespaces/default/deployments', envelope('apps/v1', 'Deployment', [0x12, 0x0a, 0x08]));
    expect(broken.code).toBe(400);
    expect(broken.json.message).toBe('Deployment in version "v1" cannot be handled as a Deployment: unexpected EOF');
  });

  it('refuses another kind as the JSON path does', async () => {
    const { code, json } = await send('POST', '/apis/apps/v1/namespaces/default/deployments', fixture('service-clusterip'));
    expect(code).toBe(400);
    expect(json.message).toBe('Service in version "v1" cannot be handled as a Deployment: converting (v1.Service) to (apps.Deployment): unknown conversion');
  });

  it('scales with a protobuf Scale, to zero as well', async () => {
    const scale = (n: number) => envelope('autoscaling/v1', 'Scale', msg(bytes(1, msg(str(1, 'hello'))), bytes(2, msg(int(1, n)))));
    const up = await send('PUT', '/apis/apps/v1/namespaces/default/deployments/hello/scale', scale(4));
    expect(up.code).toBe(200);
    expect(up.json.spec).toEqual({ replicas: 4 });
    const down = await send('PUT', '/apis/apps/v1/namespaces/default/deployments/hello/scale', scale(0));
    expect(down.code).toBe(200);
    expect(down.json.spec).toEqual({ replicas: 0 });
  });

  it('binds a pod with a protobuf Binding', async () => {
    const created = await send('POST', '/api/v1/namespaces/default/pods', JSON.stringify({ metadata: { name: 'web' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }), 'application/json');
    expect(created.code).toBe(201);
    const binding = envelope('v1', 'Binding', msg(bytes(1, msg(str(1, 'web'))), bytes(2, msg(str(1, 'Node'), str(3, 'node1')))));
    expect((await send('POST', '/api/v1/namespaces/default/pods/web/binding', binding)).code).toBe(201);
    const pod = (await (await fetch(`${api.url}/api/v1/namespaces/default/pods/web`)).json()) as Json;
    expect(pod.spec.nodeName).toBe('node1');
  });
});
