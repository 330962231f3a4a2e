// One test per bug the bad-input corpus and the fuzz test found in our kube-apiserver,
// with the input that triggered it and the answer kube-apiserver gives instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../testing/apiserver';
import { send, sendBytes } from './http';

let api: TestApiServer;

const json = (body: unknown) => ({ 'Content-Type': 'application/json', body: typeof body === 'string' ? body : JSON.stringify(body) });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) => {
  const { body: text, ...h } = json(body);
  return send(api.url, { method: 'POST', path, headers: { ...h, ...headers }, body: text });
};
const status = (res: { body: Buffer }) => JSON.parse(res.body.toString('utf8')) as Record<string, unknown>;
const service = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, ...extra }, spec: { ports: [{ port: 80 }] } });
const SERVICES = '/api/v1/namespaces/default/services';

async function stillServes(): Promise<void> {
  const res = await send(api.url, { method: 'GET', path: '/api/v1/services' });
  expect(res.status).toBe(200);
  expect((status(res).items as unknown[]).length).toBeGreaterThan(0);
}

describe('bad input our API server used to mishandle', () => {
  beforeAll(async () => {
    api = await startTestApiServer();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers a request target no URL parser accepts with Go’s plain 400, instead of crashing the process', async () => {
    // Was: `new URL` threw outside the handler's try, an unhandled rejection that ended the server.
    const reply = await sendBytes(api.url, 'GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(reply).toMatch(/\r\n\r\n400 Bad Request$/);
    const upgrade = await sendBytes(api.url, 'GET http://[/api/v1/namespaces/default/pods/p/exec HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n');
    expect(upgrade).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    // An escape that is not one: url.ParseRequestURI refuses it too (decodeURIComponent threw).
    expect((await send(api.url, { method: 'GET', path: '/api/v1/namespaces/%zz/services' })).status).toBe(400);
    // A valid escape of a byte that is not UTF-8 is just an odd name.
    const odd = await send(api.url, { method: 'GET', path: '/api/v1/namespaces/%ff/services' });
    expect(odd.status).toBe(200);
    expect(status(odd).items).toEqual([]);
    await stillServes();
  });

  it('keeps `..` a name in the path: DELETE services/.. is not DELETE of the namespace', async () => {
    // Was: WHATWG URL resolution turned /api/v1/namespaces/doomed/services/.. into /api/v1/namespaces/doomed/.
    expect((await post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } })).status).toBe(201);
    const res = await send(api.url, { method: 'DELETE', path: '/api/v1/namespaces/doomed/services/..' });
    expect(res.status).toBe(404);
    expect(status(res).message).toBe('services ".." not found');
    const ns = await send(api.url, { method: 'GET', path: '/api/v1/namespaces/doomed' });
    expect(status(ns).status).toEqual({ phase: 'Active' });
  });

  it('decodes a body nested 9,990 levels deep as Go does, and refuses the 10,001st level with Go’s words', async () => {
    // Was: the recursive JSON parser overflowed the stack: 500 "Maximum call stack size exceeded".
    const nest = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const deep = await post(SERVICES, `{"apiVersion":"v1","kind":"Service","metadata":{"name":"deep"},"spec":{"ports":[{"port":80}],"x":${nest(9990)}}}`);
    expect(deep.status).toBe(201);
    expect(deep.headers.warning).toBe('299 - "unknown field \\"spec.x\\""');
    const strict = await post(`${SERVICES}?fieldValidation=Strict`, `{"apiVersion":"v1","kind":"Service","metadata":{"name":"deeper"},"spec":{"ports":[{"port":80}],"x":${nest(9990)}}}`);
    expect(status(strict).message).toBe('Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.x"');
    const tooDeep = await post(SERVICES, `{"spec":${nest(10_000)}}`);
    expect(tooDeep.status).toBe(400);
    expect(status(tooDeep).message).toBe(`the object provided is unrecognized (must be of type Service): couldn't get version/kind; json parse error: invalid character '[' exceeded max depth ({"spec":[[[[[[[[[[[[[[[[[[[[[[ ...)`);
  });

  it('does not let a deeply nested managedFields entry poison every later list of its kind', async () => {
    // Was: stored as sent; V8's JSON.stringify and structuredClone overflow at a few thousand
    // levels, so every get, list and watch of Services failed from then on with a 500.
    const fieldsV1 = JSON.parse(`${'{"f:a":'.repeat(3000)}{}${'}'.repeat(3000)}`) as unknown;
    const made = await post(SERVICES, service('managed', { managedFields: [{ manager: 'x', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1 }] }));
    expect(made.status).toBe(201);
    const managed = (status(made).metadata as { managedFields: Record<string, unknown>[] }).managedFields;
    expect(managed).toEqual([{ manager: 'x', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1' }]);
    await stillServes();
    // A real field set is kept as it is.
    const real = { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } };
    const kept = await post(SERVICES, service('managed-real', { managedFields: [{ manager: 'x', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: real }] }));
    expect((status(kept).metadata as { managedFields: { fieldsV1: unknown }[] }).managedFields[0]!.fieldsV1).toEqual(real);
  });

  it('refuses a body over 3 MiB with kube-apiserver’s 413', async () => {
    const res = await post(SERVICES, service('big', { annotations: { a: 'x'.repeat(3 << 20) } }));
    expect(res.status).toBe(413);
    expect(status(res)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Request entity too large: limit is 3145728', reason: 'RequestEntityTooLarge', code: 413 });
  });

  it('reads a null body as an empty object and an empty one as the end of JSON input', async () => {
    // Was: null was "cannot unmarshal null"; Go's Unmarshal of null into a struct is a no-op.
    const nul = await post(SERVICES, 'null');
    expect(status(nul).message).toBe('Service "" is invalid: [metadata.name: Required value: name or generateName is required, spec.ports: Required value]');
    const empty = await post(SERVICES, '');
    expect(status(empty).message).toBe('the object provided is unrecognized (must be of type Service): couldn\'t get version/kind; json parse error: unexpected end of JSON input (<empty>)');
    const point = await post(SERVICES, '{"spec":{"ports":[{"port":1.}]}}');
    expect(status(point).message).toBe('the object provided is unrecognized (must be of type Service): couldn\'t get version/kind; json parse error: invalid character \'}\' after decimal point in numeric literal ({"spec":{"ports":[{"port":1.}] ...)');
  });

  it('decodes null list elements and map values to Go’s zero values', async () => {
    // Was: kept as null; later code called .trim() on it: 500.
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nulls', labels: { app: null } }, spec: { containers: [{ name: 'c', image: 'nginx', args: ['a', null], resources: { requests: { cpu: null, memory: '64Mi' } } }] } };
    const res = await post('/api/v1/namespaces/default/pods', pod);
    expect(res.status).toBe(201);
    const made = status(res) as { metadata: { labels: unknown }; spec: { containers: { args: unknown; resources: unknown }[] } };
    expect(made.metadata.labels).toEqual({ app: '' });
    expect(made.spec.containers[0]!.args).toEqual(['a', '']);
    expect(made.spec.containers[0]!.resources).toEqual({ requests: { cpu: '0', memory: '64Mi' } });
  });

  it('sends warnings about fields with any characters in them', async () => {
    // Was: JSON.stringify left non-Latin-1 characters in the Warning header; Node refused it: 500.
    const res = await post(SERVICES, '{"apiVersion":"v1","kind":"Service","metadata":{"name":"warned","labé\\u0000ls":{}},"spec":{"ports":[{"port":80}]}}');
    expect(res.status).toBe(201);
    // The path quoted by strconv.Quote (NUL as \x00); the header's bytes are the text's UTF-8.
    const warning = (r: { headers: Record<string, unknown> }) => Buffer.from(String(r.headers.warning), 'latin1').toString('utf8');
    expect(warning(res)).toBe(String.raw`299 - "unknown field \"metadata.labé\\x00ls\""`);
    const emoji = await post(SERVICES, '{"apiVersion":"v1","kind":"Service","metadata":{"name":"warned2","😀":1},"spec":{"ports":[{"port":80}]}}');
    expect(emoji.status).toBe(201);
    expect(warning(emoji)).toBe(String.raw`299 - "unknown field \"metadata.😀\""`);
  });

  it('answers DeleteOptions it cannot read as kube-apiserver does: null is none, the rest a 500 without a reason', async () => {
    // Was: null and non-objects reached property writes: 500 InternalError "Cannot set properties of null".
    expect((await post(SERVICES, service('del-null'))).status).toBe(201);
    const del = await send(api.url, { method: 'DELETE', path: `${SERVICES}/del-null`, headers: { 'Content-Type': 'application/json' }, body: 'null' });
    expect(del.status).toBe(200);
    const bad = await send(api.url, { method: 'DELETE', path: `${SERVICES}/whatever`, headers: { 'Content-Type': 'application/json' }, body: '"x"' });
    expect(bad.status).toBe(500);
    expect(status(bad)).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'couldn\'t get version/kind; json parse error: json: cannot unmarshal string into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }', code: 500 });
    const typed = await send(api.url, { method: 'DELETE', path: `${SERVICES}/whatever`, headers: { 'Content-Type': 'application/json' }, body: '{"gracePeriodSeconds":"soon"}' });
    expect(status(typed).message).toBe('json: cannot unmarshal string into Go struct field DeleteOptions.gracePeriodSeconds of type int64');
    const text = await send(api.url, { method: 'DELETE', path: `${SERVICES}/whatever`, headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(415);
  });

  it('decodes the bodies of binding, scale and finalize as the create and update handlers do', async () => {
    // Was: JSON.parse and property reads on whatever came: 500 for null, a syntax error a 500 for finalize.
    expect((await post('/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'unbound' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } })).status).toBe(201);
    const binding = await post('/api/v1/namespaces/default/pods/unbound/binding', 'null');
    expect(binding.status).toBe(422);
    expect(status(binding).message).toBe('Binding "unbound" is invalid: target.name: Required value');
    const typed = await post('/api/v1/namespaces/default/pods/unbound/binding', '{"target":{"name":7}}');
    expect(status(typed).message).toBe('Binding in version "v1" cannot be handled as a Binding: json: cannot unmarshal number into Go struct field ObjectReference.target.name of type string');

    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'scaled' }, spec: { replicas: 2, selector: { matchLabels: { app: 's' } }, template: { metadata: { labels: { app: 's' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } };
    expect((await post('/apis/apps/v1/namespaces/default/deployments', deployment)).status).toBe(201);
    const put = (body: string) => send(api.url, { method: 'PUT', path: '/apis/apps/v1/namespaces/default/deployments/scaled/scale', headers: { 'Content-Type': 'application/json' }, body });
    expect(status(await put('{')).message).toBe('the object provided is unrecognized (must be of type Scale): couldn\'t get version/kind; json parse error: unexpected end of JSON input ({)');
    expect(status(await put('{"spec":{"replicas":3}}')).message).toBe('the name of the object () does not match the name on the URL (scaled)');
    expect(status(await put('{"metadata":{"name":"scaled"},"spec":{"replicas":"3"}}')).message).toBe('Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal string into Go struct field ScaleSpec.spec.replicas of type int32');
    // ScaleSpec.replicas is an int32 with omitempty: left out, it is 0.
    const zero = await put('{"metadata":{"name":"scaled"},"spec":{}}');
    expect(zero.status).toBe(200);
    expect(status(zero).spec).toEqual({ replicas: 0 });

    expect((await post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fin' } })).status).toBe(201);
    const finalize = await send(api.url, { method: 'PUT', path: '/api/v1/namespaces/fin/finalize', headers: { 'Content-Type': 'application/json' }, body: '{"spec":' });
    expect(finalize.status).toBe(400);
    expect(status(finalize).message).toBe('the object provided is unrecognized (must be of type Namespace): couldn\'t get version/kind; json parse error: unexpected end of JSON input ({"spec":)');
  });

  it('refuses a patch nested deeper than it can apply with a 400, not a stack overflow', async () => {
    expect((await post(SERVICES, service('patched'))).status).toBe(201);
    for (const type of ['application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/json-patch+json']) {
      const value = `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`;
      const body = type === 'application/json-patch+json' ? `[{"op":"add","path":"/spec/x","value":${value}}]` : `{"spec":{"x":${value}}}`;
      const res = await send(api.url, { method: 'PATCH', path: `${SERVICES}/patched`, headers: { 'Content-Type': type }, body });
      expect(res.status, type).toBe(400);
      expect(status(res).message).toBe('the patch is nested more than 1000 levels deep, which this server does not support');
    }
    // Shallower ones still go through, with the unknown field as a warning.
    const ok = await send(api.url, { method: 'PATCH', path: `${SERVICES}/patched`, headers: { 'Content-Type': 'application/merge-patch+json' }, body: `{"spec":{"x":${'{"a":'.repeat(500)}1${'}'.repeat(500)}}}` });
    expect(ok.status).toBe(200);
    expect(ok.headers.warning).toBe('299 - "unknown field \\"spec.x\\""');
  });

  it('gives a strategic merge patch the library refuses a 500 without a reason, as Go’s ErrorToAPIStatus does', async () => {
    // Was: `"reason": ""` in the body; metav1.Status omits an empty reason.
    const res = await send(api.url, { method: 'PATCH', path: `${SERVICES}/patched`, headers: { 'Content-Type': 'application/strategic-merge-patch+json' }, body: '{"$patch":"bogus"}' });
    expect(res.status).toBe(500);
    expect(Object.keys(status(res))).toEqual(['kind', 'apiVersion', 'metadata', 'status', 'message', 'code']);
  });

  it('answers pods/log for a pod bound to a node that does not exist with the node’s NotFound', async () => {
    // Was: 500 InternalError "no InternalIP for node n1".
    expect((await post('/api/v1/namespaces/default/pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'lost' }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'nginx' }] } })).status).toBe(201);
    const res = await send(api.url, { method: 'GET', path: '/api/v1/namespaces/default/pods/lost/log' });
    expect(res.status).toBe(404);
    expect(status(res).message).toBe('nodes "n1" not found');
  });
});
