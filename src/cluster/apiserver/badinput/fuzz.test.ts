// Fuzzing our kube-apiserver (in-process, over the in-memory store) through HTTP:
// a fixed number of seeded requests with broken JSON bodies, patches and query
// strings. Every answer must be a well-formed HTTP response, every failure a
// metav1.Status whose code is the HTTP status, nothing may be a 5xx except the
// reason-less 500s kube-apiserver gives by design (see upstreamServerError), no
// request may hang, and afterwards the server must still serve every list — one
// poisoned object would break them all. FUZZ_DUMP=FILE writes every problem found,
// with whole bodies, and prints the status codes seen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../testing/apiserver';
import { send, statusProblem, type RawRequest, type RawResponse } from './http';

// Fixed, so every run sends the same requests; FUZZ_SEED and FUZZ_ITERATIONS explore further by hand.
const SEED = Number(process.env.FUZZ_SEED ?? 0x6b75_6265);
const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 2000);
const NS = 'fuzz';

// --- a seeded PRNG (mulberry32) ---------------------------------------------------

class Rng {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// --- valid objects to start from ---------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface Kind {
  path: string;
  make(name: string): { [k: string]: Json };
  namespaced: boolean;
}

const container = (name: string): { [k: string]: Json } => ({
  name: 'web',
  image: 'nginx:1.25',
  command: ['nginx', '-g', 'daemon off;'],
  ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
  env: [{ name: 'MODE', value: name }],
  resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '0.1', memory: '64Mi' } },
  readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 },
});

const podSpec = (name: string): { [k: string]: Json } => ({ containers: [container(name)], restartPolicy: 'Always', terminationGracePeriodSeconds: 30 });

const KINDS: Record<string, Kind> = {
  services: {
    path: `/api/v1/namespaces/${NS}/services`,
    namespaced: true,
    make: (name) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, labels: { app: name }, annotations: { note: 'fuzz' } },
      spec: { type: 'NodePort', selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }, { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' }], sessionAffinity: 'ClientIP' },
    }),
  },
  deployments: {
    path: `/apis/apps/v1/namespaces/${NS}/deployments`,
    namespaced: true,
    make: (name) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, labels: { app: name } },
      spec: { replicas: 2, selector: { matchLabels: { app: name }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }] }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } }, template: { metadata: { labels: { app: name, tier: 'web' } }, spec: podSpec(name) } },
    }),
  },
  replicasets: {
    path: `/apis/apps/v1/namespaces/${NS}/replicasets`,
    namespaced: true,
    make: (name) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name }, spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: podSpec(name) } } }),
  },
  pods: {
    path: `/api/v1/namespaces/${NS}/pods`,
    namespaced: true,
    make: (name) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: name } }, spec: podSpec(name) }),
  },
  endpoints: {
    path: `/api/v1/namespaces/${NS}/endpoints`,
    namespaced: true,
    make: (name) => ({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name }, subsets: [{ addresses: [{ ip: '10.244.1.5', hostname: 'a' }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }] }),
  },
  endpointslices: {
    path: `/apis/discovery.k8s.io/v1/namespaces/${NS}/endpointslices`,
    namespaced: true,
    make: (name) => ({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name, labels: { 'kubernetes.io/service-name': name } }, addressType: 'IPv4', endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true } }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }),
  },
  events: {
    path: `/api/v1/namespaces/${NS}/events`,
    namespaced: true,
    make: (name) => ({ apiVersion: 'v1', kind: 'Event', metadata: { name }, involvedObject: { kind: 'Pod', name: 'p', namespace: NS }, reason: 'Fuzz', message: 'hello', type: 'Normal', count: 1, firstTimestamp: '2024-01-01T00:00:00Z' }),
  },
  namespaces: {
    path: '/api/v1/namespaces',
    namespaced: false,
    make: (name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { team: 'a' } } }),
  },
  nodes: {
    path: '/api/v1/nodes',
    namespaced: false,
    make: (name) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } }, spec: { podCIDR: '10.244.5.0/24', taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] } }),
  },
};
const KIND_NAMES = Object.keys(KINDS);

// --- mutations -----------------------------------------------------------------------

const ODD_STRINGS = [
  '', ' ', '\u0000', '\ud800', 'a\udfffb', '\u202etxt.exe', '\ufeffbom', 'é', '\u0301', '😀'.repeat(40), '\u0085\u2028\u2029', 'a\nb\tc', '../../etc/passwd',
  '%00', '${jndi:x}', '<script>', 'A'.repeat(300), 'app', 'None', '10.96.0.1', '-1', '1e3', 'true', 'null', '{}', 'ᚠᛇᚻ', 'ﷺ', '\\', '"', "'",
];
const ODD_NUMBERS = ['0', '-1', '1.5', '-0', '1e3', '1e400', '2147483648', '-2147483649', '9223372036854775808', '99999999999999999999999', '0.1e-400', '65536', '30080'];

function oddValue(rng: Rng): Json | { raw: string } {
  switch (rng.int(9)) {
    case 0:
      return rng.pick(ODD_STRINGS);
    case 1:
      return { raw: rng.pick(ODD_NUMBERS) };
    case 2:
      return rng.pick([true, false, null]);
    case 3:
      return [];
    case 4:
      return {};
    case 5:
      return [1, 'a', null, { b: [true] }];
    case 6:
      return { unknown: 'x', '': 1, __proto__x: { polluted: true } } as Json;
    case 7:
      return 'x'.repeat(rng.pick([1000, 70_000, 300_000]));
    default:
      return rng.int(100_000) - 50_000;
  }
}

/** Every path to a value inside `o`. */
function paths(o: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (o !== null && typeof o === 'object') {
    for (const [k, v] of Array.isArray(o) ? o.entries() : Object.entries(o)) {
      out.push([...at, k]);
      paths(v, [...at, k], out);
    }
  }
  return out;
}

const RAW = '\u0000raw:';

/** A placeholder for literal JSON text (numbers JSON.stringify cannot write, nesting) replaced after serializing. */
function raw(text: string): string {
  return `${RAW}${text}\u0000`;
}

function mutateObject(rng: Rng, object: { [k: string]: Json }): void {
  const all = paths(object);
  if (all.length === 0) {
    object.spec = rng.pick(ODD_STRINGS);
    return;
  }
  const target = rng.pick(all);
  let parent: Json = object;
  for (const k of target.slice(0, -1)) parent = (parent as Record<string, Json>)[k as string]!;
  const key = target[target.length - 1]!;
  const holder = parent as Record<string | number, Json>;
  switch (rng.int(6)) {
    case 0: {
      const v = oddValue(rng);
      holder[key] = v !== null && typeof v === 'object' && 'raw' in v ? raw((v as { raw: string }).raw) : (v as Json);
      break;
    }
    case 1:
      if (Array.isArray(holder)) holder.splice(key as number, 1);
      else delete holder[key];
      break;
    case 2:
      if (!Array.isArray(holder)) holder[`${String(key)}X`] = holder[key] ?? null;
      break;
    case 3: {
      // Nesting: mostly shallow, sometimes as deep as Go allows and beyond.
      const depth = rng.pick([2, 50, 600, 3000, 9000, 10_001]);
      const open = rng.chance(0.5) ? '[' : '{"a":';
      const close = open === '[' ? ']' : '}';
      holder[key] = raw(`${open.repeat(depth)}1${close.repeat(depth)}`);
      break;
    }
    case 4:
      holder[key] = rng.pick(ODD_STRINGS);
      break;
    default:
      if (!Array.isArray(holder) && typeof holder[key] === 'string') holder[key] = `${holder[key] as string}${rng.pick(ODD_STRINGS)}`;
      else holder[key] = rng.chance(0.5) ? [holder[key] ?? null] : { value: holder[key] ?? null };
  }
}

function serialize(value: Json): string {
  return JSON.stringify(value).replace(/"\\u0000raw:(.*?)\\u0000"/g, (_, text: string) => text);
}

function corruptText(rng: Rng, text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  switch (rng.int(9)) {
    case 0:
      return bytes.subarray(0, rng.int(bytes.length));
    case 1: {
      const at = rng.int(bytes.length);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([rng.int(256)]), bytes.subarray(at)]);
    }
    case 2:
      return Buffer.from(text.replace('"name":', '"name":"dup","name":'), 'utf8');
    case 3: {
      const at = rng.int(bytes.length);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff, 0xfe, 0xc3]), bytes.subarray(at)]);
    }
    case 4:
      return Buffer.from(`${text} trailing`, 'utf8');
    case 5:
      return Buffer.from(`[${text}]`, 'utf8');
    case 6:
      return Buffer.from(`\ufeff${text}`, 'utf8');
    case 7:
      return Buffer.from(Array.from({ length: rng.int(200) }, () => rng.int(256)));
    default:
      return Buffer.from(rng.pick(['', 'null', '"x"', '1', '[]', '{}', 'true', '{"kind":1}', '{"apiVersion":"v9","kind":"Service"}', '{"metadata":null}']), 'utf8');
  }
}

// --- query strings -------------------------------------------------------------------

const QUERY_VALUES: Record<string, string[]> = {
  labelSelector: ['app=web', 'app in (a,b)', 'app notin (x)', '!app', 'app', 'a=b=c', '(', 'app in (', '=x', 'app!=', 'x'.repeat(400), 'é=ü', 'a,b,,c', 'a==b', 'tier in (web),app=x'],
  fieldSelector: ['metadata.name=x', 'metadata.namespace!=y', 'spec.nodeName=n1', 'status.phase=Running', 'spec.foo=bar', 'a', '==', 'metadata.name', 'metadata.name=a,metadata.name=b', 'involvedObject.kind=Pod', 'type=x'],
  limit: ['-1', '0', '1', '500', 'abc', '1e3', '99999999999999999999', ''],
  continue: ['', 'garbage', 'eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MSwic3RhcnQiOiJ4In0', '%%%', 'eyJ2Ijo', 'x'.repeat(200)],
  resourceVersion: ['', '0', '1', '-1', 'abc', '999999999', '18446744073709551616'],
  resourceVersionMatch: ['NotOlderThan', 'Exact', 'bogus', ''],
  watch: ['true', '1', 'false', 'x', ''],
  timeoutSeconds: ['1', '0', '-5', 'abc', '999999999999'],
  dryRun: ['All', 'x', ''],
  fieldValidation: ['Strict', 'Warn', 'Ignore', 'bogus', ''],
  propagationPolicy: ['Orphan', 'Foreground', 'Background', 'x'],
  gracePeriodSeconds: ['0', '-1', 'x', '30'],
  fieldManager: ['kubectl', 'x'.repeat(200), 'é\u0000', ''],
  allowWatchBookmarks: ['true', 'x'],
  sendInitialEvents: ['true', 'false', 'x'],
  pretty: ['true', '1', 'x'],
  force: ['true', 'x'],
  includeObject: ['Object', 'None', 'x'],
};
const QUERY_KEYS = Object.keys(QUERY_VALUES);

/** Percent-encoding of the UTF-8 bytes (lone surrogates become U+FFFD, as in any HTTP client). */
function pct(s: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

function query(rng: Rng, noWatch = false): string {
  const parts: string[] = [];
  for (let n = rng.int(4); n > 0; n--) {
    const key = rng.chance(0.1) ? rng.pick(['x', 'limit[]', '%zz', 'watch', '']) : rng.pick(QUERY_KEYS);
    if (noWatch && key === 'watch') continue;
    const value = rng.chance(0.1) ? rng.pick(ODD_STRINGS) : rng.pick(QUERY_VALUES[key] ?? ['x']);
    parts.push(`${pct(key)}=${pct(value)}`);
  }
  if (rng.chance(0.05)) parts.push('a=%zz', '%=1', '&&&');
  return parts.length ? `?${parts.join('&')}` : '';
}

// --- requests --------------------------------------------------------------------------

interface Planned extends RawRequest {
  label: string;
}

const CONTENT_TYPES = ['application/json', 'application/json', 'application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf', 'text/plain', '', 'application/json; charset=utf-16', '*/*', 'application/x-www-form-urlencoded'];
const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml', 'application/json', 'bogus/type'];
const ACCEPTS = [undefined, 'application/json', 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json', 'application/yaml', '*/*', 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io', 'application/vnd.kubernetes.protobuf,application/json'];
/** Accept headers the server refuses (406): rarer, or they would hide everything behind them. */
const ODD_ACCEPTS = ['application/vnd.kubernetes.protobuf', 'text/html', 'application/json;as=Table;v=v9;g=x', ';;;', 'application/json;as=Nope;v=v1;g=meta.k8s.io'];

function body(rng: Rng, kind: Kind, name: string): Buffer {
  const object = kind.make(name);
  for (let n = 1 + rng.int(3); n > 0; n--) mutateObject(rng, object);
  const text = serialize(object);
  return rng.chance(0.25) ? corruptText(rng, text) : Buffer.from(text, 'utf8');
}

function jsonPatch(rng: Rng): string {
  const ops = Array.from({ length: 1 + rng.int(3) }, () => {
    const op: Record<string, Json> = { op: rng.pick(['add', 'remove', 'replace', 'move', 'copy', 'test', 'bogus']), path: rng.pick(['/spec/replicas', '/metadata/labels/a', '/spec/ports/0', '/spec/ports/-', '/spec/ports/99', '/metadata', '', '/', '/~2', '/spec/template/spec/containers/0/image', '/status', 'spec']) };
    if (rng.chance(0.8)) op.value = (() => {
      const v = oddValue(rng);
      return v !== null && typeof v === 'object' && 'raw' in v ? raw((v as { raw: string }).raw) : (v as Json);
    })();
    if (rng.chance(0.3)) op.from = rng.pick(['/metadata/name', '/spec', '/nope', 'x']);
    return op;
  });
  return serialize(rng.chance(0.1) ? (ops[0] as Json) : (ops as Json));
}

function patchBody(rng: Rng, kind: Kind, name: string, type: string): Buffer {
  if (type === 'application/json-patch+json' && rng.chance(0.8)) return Buffer.from(jsonPatch(rng), 'utf8');
  if (rng.chance(0.3)) return corruptText(rng, JSON.stringify({ metadata: { labels: { a: 'b' } } }));
  const partial = kind.make(name);
  delete partial.apiVersion;
  delete partial.kind;
  for (let n = 1 + rng.int(2); n > 0; n--) mutateObject(rng, partial);
  if (rng.chance(0.2)) partial.$patch = rng.pick(['delete', 'replace', 'merge', 'bogus']);
  if (rng.chance(0.2)) partial['$setElementOrder/ports'] = rng.pick([[{ port: 80 }], 'x', [1]]);
  return Buffer.from(serialize(partial), 'utf8');
}

const DELETE_BODIES = ['', '{}', 'null', '"x"', '1', '[]', '{"propagationPolicy":"Orphan"}', '{"propagationPolicy":"Nope"}', '{"gracePeriodSeconds":"x"}', '{"gracePeriodSeconds":-5}', '{"preconditions":{"uid":"nope"}}', '{"preconditions":{"resourceVersion":"1"}}', '{"dryRun":["All"]}', '{"dryRun":"All"}', '{', '{"kind":"DeleteOptions","apiVersion":"v1","orphanDependents":true,"propagationPolicy":"Background"}', '{"apiVersion":"v9","kind":"Nope"}'];

function plan(rng: Rng, i: number): Planned {
  const kindName = rng.pick(KIND_NAMES);
  const kind = KINDS[kindName]!;
  const name = rng.chance(0.7) ? `fz-${kindName.slice(0, 3)}-${rng.int(6)}` : rng.pick(['UPPER', 'a'.repeat(300), 'x.y', '-x', 'é', '%2F', '..', 'x%00']);
  const objectPath = `${kind.path}/${pct(name)}`;
  const accept = rng.chance(0.9) ? rng.pick(ACCEPTS) : rng.pick(ODD_ACCEPTS);
  const headers: Record<string, string> = {};
  if (accept) headers.Accept = accept;
  const contentType = rng.pick(CONTENT_TYPES);
  if (contentType) headers['Content-Type'] = contentType;
  switch (rng.int(12)) {
    case 0:
    case 1:
    case 2:
      return { label: `#${i} create ${kindName}`, method: 'POST', path: `${kind.path}${query(rng, true)}`, headers, body: body(rng, kind, `fz-${kindName.slice(0, 3)}-${rng.int(6)}`) };
    case 3:
      return { label: `#${i} update ${kindName}`, method: 'PUT', path: `${objectPath}${rng.chance(0.2) ? '/status' : ''}${query(rng, true)}`, headers, body: body(rng, kind, name) };
    case 4:
    case 5: {
      const type = rng.pick(PATCH_TYPES);
      const q = type === 'application/apply-patch+yaml' && rng.chance(0.7) ? `?fieldManager=fuzz&force=${rng.pick(['true', 'false'])}` : query(rng, true);
      return { label: `#${i} patch ${kindName} (${type})`, method: 'PATCH', path: `${objectPath}${rng.chance(0.15) ? '/status' : ''}${q}`, headers: { ...headers, 'Content-Type': type }, body: patchBody(rng, kind, name, type) };
    }
    case 6:
    case 7:
      return { label: `#${i} list ${kindName}`, method: 'GET', path: `${rng.chance(0.2) && kind.namespaced ? kind.path.replace(`/namespaces/${NS}`, '') : kind.path}${query(rng)}`, headers, headersOnly: true };
    case 8:
      return { label: `#${i} get ${kindName}`, method: 'GET', path: `${objectPath}${query(rng)}`, headers, headersOnly: true };
    case 9:
      return { label: `#${i} delete ${kindName}`, method: 'DELETE', path: `${rng.chance(0.2) ? kind.path : objectPath}${query(rng, true)}`, headers, body: rng.pick(DELETE_BODIES) };
    case 10: {
      // Subresources and their own bodies.
      const sub = rng.pick([
        ['PUT', `/apis/apps/v1/namespaces/${NS}/deployments/fz-dep-${rng.int(6)}/scale`],
        ['PATCH', `/apis/apps/v1/namespaces/${NS}/deployments/fz-dep-${rng.int(6)}/scale`],
        ['GET', `/apis/apps/v1/namespaces/${NS}/replicasets/fz-rep-${rng.int(6)}/scale`],
        ['POST', `/api/v1/namespaces/${NS}/pods/fz-pod-${rng.int(6)}/binding`],
        ['PUT', `/api/v1/namespaces/fz-nam-${rng.int(6)}/finalize`],
        ['GET', `/api/v1/namespaces/${NS}/pods/fz-pod-${rng.int(6)}/log`],
        ['POST', `/api/v1/namespaces/${NS}/pods/fz-pod-${rng.int(6)}/eviction`],
        ['GET', `/api/v1/namespaces/${NS}/pods/fz-pod-${rng.int(6)}/exec?command=ls`],
      ] as const);
      const b = rng.pick([
        '{"spec":{"replicas":3}}', '{"spec":{"replicas":-3}}', '{"spec":{"replicas":"x"}}', '{"spec":null}', 'null', '[]', '"x"', '{',
        '{"apiVersion":"v1","kind":"Binding","metadata":{"name":"p"},"target":{"kind":"Node","name":"n1"}}', '{"target":null}', '{"target":{"name":7}}',
        '{"spec":{"finalizers":["kubernetes"]}}', '{"spec":{"finalizers":"x"}}', '{"spec":{"finalizers":[1]}}',
      ]);
      return { label: `#${i} ${sub[0]} ${sub[1]}`, method: sub[0], path: `${sub[1]}${sub[1].includes('?') ? '' : query(rng, true)}`, headers: { ...headers, 'Content-Type': rng.pick(['application/json', 'application/merge-patch+json', 'application/json-patch+json', 'application/strategic-merge-patch+json']) }, body: sub[0] === 'GET' ? undefined : b, headersOnly: sub[0] === 'GET' };
    }
    default: {
      // Odd paths, methods and headers.
      const path = rng.pick(['/', '/api', '/apis/apps', '/apis/nope/v1', '/api/v2/pods', `/api/v1/namespaces/${NS}/nopes`, '/api/v1/namespaces//services', '/api/v1/namespaces/%2F/services', '/openapi/v3/apis/apps/v1?hash=x', '/openapi/v2', '/version?x=1', '/healthz/etcd', '/api/v1/namespaces/fuzz/pods/a/b/c/d', '/apis/apps/v1/namespaces/fuzz/deployments/x/status/extra', '/%ff/%fe', '/api/v1/namespaces/%C0%AE%C0%AE/services']);
      const method = rng.pick(['GET', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND']);
      return { label: `#${i} ${method} ${path}`, method, path, headers: { ...headers, 'X-Odd': rng.pick(['1', 'é']) === 'é' ? encodeURIComponent('é') : '1' }, body: method === 'GET' || method === 'HEAD' ? undefined : '{}', headersOnly: method === 'GET' };
    }
  }
}

/**
 * The 5xx kube-apiserver answers by design: an error from a decoder or a library that is
 * not a Status (a DeleteOptions body it cannot read, a strategic merge patch the library
 * refuses, a node without an address for pods/log) becomes a 500 without a reason
 * (ErrorToAPIStatus). A JavaScript exception escaping a handler is an InternalError
 * instead, and always a bug.
 */
function upstreamServerError(p: Planned, res: RawResponse): boolean {
  if (res.status !== 500) return false;
  const where = p.method === 'PATCH' || (p.method === 'DELETE' && p.body !== undefined && String(p.body) !== '') || (p.method === 'GET' && /\/pods\/[^/]+\/log/.test(p.path));
  if (!where) return false;
  try {
    const status = JSON.parse(res.body.toString('utf8')) as { reason?: string };
    return status.reason === undefined;
  } catch {
    return false;
  }
}

/** Why a response is wrong, or undefined. */
function judge(p: Planned, res: RawResponse): string | undefined {
  if (res.status < 100 || res.status > 599) return `status ${res.status}`;
  if (res.status >= 500 && !upstreamServerError(p, res)) return `server error ${res.status}: ${res.body.toString('utf8').slice(0, 300)}`;
  if (res.partial || p.method === 'HEAD') return undefined;
  if (res.status >= 400) {
    // Go's net/http answers a request line it cannot parse in plain text.
    if (res.status === 400 && res.body.toString() === '400 Bad Request') return undefined;
    return statusProblem(res);
  }
  if (res.status >= 200 && res.status < 300 && res.body.length > 0 && String(res.headers['content-type']).startsWith('application/json')) {
    try {
      JSON.parse(res.body.toString('utf8'));
    } catch (err) {
      return `2xx with a body that is not JSON: ${(err as Error).message}`;
    }
  }
  return undefined;
}

let api: TestApiServer;

describe('API server fuzz', () => {
  beforeAll(async () => {
    api = await startTestApiServer();
    const made = await send(api.url, { method: 'POST', path: '/api/v1/namespaces', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } }) });
    expect(made.status).toBe(201);
    // Every object the requests name, so that updates, patches and deletes get past the lookup.
    for (const [kindName, kind] of Object.entries(KINDS)) {
      for (let n = 0; n < 6; n++) {
        const res = await send(api.url, { method: 'POST', path: kind.path, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(kind.make(`fz-${kindName.slice(0, 3)}-${n}`)) });
        expect(res.status, `${kindName} ${n}: ${res.body.toString()}`).toBe(201);
      }
    }
  });
  afterAll(async () => {
    await api?.close();
  });

  it(`answers ${ITERATIONS} seeded random requests with well-formed 4xx or 2xx, never a 5xx or a hang`, async () => {
    const rng = new Rng(SEED);
    const problems: string[] = [];
    const codes = new Map<number, number>();
    for (let i = 0; i < ITERATIONS; i++) {
      const p = plan(rng, i);
      // Keep valid objects around, so updates, patches and deletes find something to work on.
      if (i % 25 === 0) {
        const kindName = KIND_NAMES[(i / 25) % KIND_NAMES.length]!;
        const kind = KINDS[kindName]!;
        await send(api.url, { method: 'POST', path: kind.path, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(kind.make(`fz-${kindName.slice(0, 3)}-${(i / 25) % 6}`)) });
      }
      let res: RawResponse;
      try {
        res = await send(api.url, { ...p, timeoutMs: 10_000 });
      } catch (err) {
        problems.push(`${p.label} ${p.method} ${p.path}: ${(err as Error).message}`);
        continue;
      }
      codes.set(res.status, (codes.get(res.status) ?? 0) + 1);
      const why = judge(p, res);
      if (why) problems.push(`${p.label} ${p.method} ${p.path} [${String(p.headers?.['Content-Type'] ?? '')}] body=${JSON.stringify(String(p.body ?? '').slice(0, process.env.FUZZ_DUMP ? 100_000 : 200))}: ${why}`);
    }
    if (process.env.FUZZ_DUMP) {
      (await import('node:fs')).writeFileSync(process.env.FUZZ_DUMP, problems.join('\n'));
      console.log([...codes].sort((a, b) => a[0] - b[0]));
    }
    expect(problems.slice(0, 20)).toEqual([]);
    // The mix must reach both outcomes, or it tests nothing.
    const ok = [...codes].filter(([c]) => c < 300).reduce((a, [, n]) => a + n, 0);
    const refused = [...codes].filter(([c]) => c >= 400).reduce((a, [, n]) => a + n, 0);
    expect(ok).toBeGreaterThan(ITERATIONS / 10);
    expect(refused).toBeGreaterThan(ITERATIONS / 4);
  }, 240_000);

  it('still serves every list, discovery and a create afterwards', async () => {
    for (const kind of Object.values(KINDS)) {
      const list = await send(api.url, { method: 'GET', path: kind.namespaced ? kind.path.replace(`/namespaces/${NS}`, '') : kind.path });
      expect(list.status, kind.path).toBe(200);
      expect(JSON.parse(list.body.toString()).items).toBeInstanceOf(Array);
      const table = await send(api.url, { method: 'GET', path: `${kind.path}?limit=500`, headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' } });
      expect(table.status, kind.path).toBe(200);
    }
    expect((await send(api.url, { method: 'GET', path: '/version' })).status).toBe(200);
    const made = await send(api.url, { method: 'POST', path: `/api/v1/namespaces/${NS}/services`, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'after-fuzz' }, spec: { ports: [{ port: 80 }] } }) });
    expect(made.status).toBe(201);
  });
});
