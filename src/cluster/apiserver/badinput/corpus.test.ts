// The corpus of broken manifests (./corpus, ./corpus/generated.ts), each sent
// (a) through the real kubectl 1.35 (`kubectl create -f FILE`) and (b) straight to
// the API with Node's http, against our kube-apiserver in-process. Every answer must
// be what kube-apiserver answers: NAME.kubectl.txt holds kubectl's stderr (`{file}`
// stands for the path given), NAME.kubectl.stdout.txt its stdout when it printed
// any, NAME.api.json the direct request and the status code and Status body (or
// the object) it gets. Afterwards the server must still answer, with its heap back
// near where it started (corpus/README.md says what is measured and why).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../testing/apiserver';
import { GENERATED } from './corpus/generated';
import { collectGarbage, send, type RawResponse } from './http';

const CORPUS = fileURLToPath(new URL('corpus', import.meta.url));
const KUBECTL = resolve(process.cwd(), '.cache/kubectl/v1.35.2/kubectl');
const haveKubectl = existsSync(KUBECTL);
if (!haveKubectl) console.warn(`[skip] kubectl legs of the bad-input corpus: no kubectl at ${KUBECTL} (node scripts/run-ts.mjs scripts/fetch-kubectl.ts)`);
/** BADINPUT_RECORD=1 writes the expectation files a case lacks (to be checked against upstream by hand before committing). */
const RECORD = process.env.BADINPUT_RECORD === '1';

interface ApiExpectation {
  request: {
    method: string;
    path: string;
    contentType: string;
    /** kubectl: the manifest's document as the JSON kubectl sends; raw: the file's bytes; generated: the case's own body. */
    body: 'kubectl' | 'raw' | 'generated';
    /** Which document of a multi-document manifest (default 0). */
    document?: number;
  };
  code: number;
  /** The whole Status, compared key order included (Go's field order). */
  status?: Record<string, unknown>;
  /** For a success: the fields the created object must have. */
  object?: Record<string, unknown>;
}

interface Case {
  name: string;
  file: string;
  manifest(): Buffer;
  apiBody?(): Buffer;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const file of readdirSync(CORPUS).sort()) {
    const m = /^([a-z0-9-]+)\.(yaml|json)$/.exec(file);
    if (!m || file.endsWith('.api.json')) continue;
    out.push({ name: m[1]!, file, manifest: () => readFileSync(join(CORPUS, file)) });
  }
  for (const [name, g] of Object.entries(GENERATED)) out.push({ name, file: `${name}.${g.ext}`, manifest: g.manifest, apiBody: g.apiBody });
  return out;
}

const RESOURCES: Record<string, string> = { Service: 'services', Deployment: 'deployments', Pod: 'pods' };

/** The request kubectl would make for a manifest: its best guess at the endpoint, for recording a new case. */
function guessRequest(c: Case): ApiExpectation['request'] {
  let doc: Record<string, unknown> | undefined;
  try {
    const loaded = yaml.load(c.manifest().toString('utf8'));
    if (loaded && typeof loaded === 'object' && !Array.isArray(loaded)) doc = loaded as Record<string, unknown>;
  } catch {
    // not YAML: sent as it is
  }
  const kind = typeof doc?.kind === 'string' && RESOURCES[doc.kind] ? doc.kind : 'Service';
  const ns = ((doc?.metadata as Record<string, unknown> | undefined)?.namespace as string | undefined) ?? 'default';
  const prefix = kind === 'Deployment' ? '/apis/apps/v1' : '/api/v1';
  return {
    method: 'POST',
    path: `${prefix}/namespaces/${ns}/${RESOURCES[kind]}?fieldManager=kubectl-create&fieldValidation=Strict`,
    contentType: 'application/json',
    body: c.apiBody ? 'generated' : doc ? 'kubectl' : 'raw',
  };
}

function requestBody(c: Case, req: ApiExpectation['request']): Buffer {
  if (req.body === 'raw') return c.manifest();
  if (req.body === 'generated') return c.apiBody!();
  // kubectl turns each YAML document into JSON (Go's encoder writes invalid UTF-8 as U+FFFD, as Buffer#toString does).
  const docs = yaml.loadAll(c.manifest().toString('utf8'));
  return Buffer.from(JSON.stringify(docs[req.document ?? 0]), 'utf8');
}

let api: TestApiServer;
let dir: string;

function kubectl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(KUBECTL, [`--kubeconfig=${join(dir, 'kubeconfig')}`, `--cache-dir=${join(dir, 'cache')}`, ...args], { timeout: 60_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      done({ code: err ? Number((err as { code?: unknown }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

function readOptional(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

async function sendCase(c: Case, exp: ApiExpectation): Promise<RawResponse> {
  return send(api.url, { method: exp.request.method, path: exp.request.path, headers: { 'Content-Type': exp.request.contentType, 'User-Agent': 'badinput-corpus' }, body: requestBody(c, exp.request), timeoutMs: 30_000 });
}

const ALL = cases();

describe('the bad-input corpus', () => {
  beforeAll(async () => {
    api = await startTestApiServer();
    dir = mkdtempSync(join(tmpdir(), 'badinput-'));
    mkdirSync(join(dir, 'files'));
    writeFileSync(join(dir, 'kubeconfig'), `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "${api.url}"}\nusers:\n- name: u\n  user: {}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n`);
    // What some cases collide with: a Service holding node port 30080.
    for (const doc of yaml.loadAll(readFileSync(join(CORPUS, '_setup.yaml'), 'utf8')) as Record<string, unknown>[]) {
      const made = await send(api.url, { method: 'POST', path: '/api/v1/namespaces/default/services', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(doc) });
      expect(made.status).toBe(201);
    }
  });
  afterAll(async () => {
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has a case for every kind of breakage the issue names', () => {
    expect(ALL.length).toBeGreaterThanOrEqual(45);
    for (const c of ALL) {
      if (RECORD) continue;
      expect(existsSync(join(CORPUS, `${c.name}.api.json`)), `${c.name}.api.json`).toBe(true);
      expect(existsSync(join(CORPUS, `${c.name}.kubectl.txt`)), `${c.name}.kubectl.txt`).toBe(true);
    }
  });

  describe.skipIf(!haveKubectl)('through kubectl create -f', () => {
    it.each(ALL.map((c) => [c.name, c] as const))('%s', async (_, c) => {
      const path = join(dir, 'files', c.file);
      writeFileSync(path, c.manifest());
      const r = await kubectl('create', '-f', path);
      const stderr = r.stderr.split(path).join('{file}');
      const stdout = r.stdout.split(path).join('{file}');
      const expectedFile = join(CORPUS, `${c.name}.kubectl.txt`);
      const stdoutFile = join(CORPUS, `${c.name}.kubectl.stdout.txt`);
      if (RECORD && !existsSync(expectedFile)) {
        writeFileSync(expectedFile, stderr);
        if (stdout) writeFileSync(stdoutFile, stdout);
        return;
      }
      const expected = readFileSync(expectedFile, 'utf8');
      expect(stderr).toBe(expected);
      expect(stdout).toBe(readOptional(stdoutFile) ?? '');
      expect(r.code).toBe(expected ? 1 : 0);
    }, 60_000);
  });

  describe('straight to the API', () => {
    it.each(ALL.map((c) => [c.name, c] as const))('%s', async (_, c) => {
      const file = join(CORPUS, `${c.name}.api.json`);
      const known = readOptional(file);
      if (RECORD && (!known || !(JSON.parse(known) as Partial<ApiExpectation>).code)) {
        const request = known ? (JSON.parse(known) as ApiExpectation).request : guessRequest(c);
        const res = await sendCase(c, { request, code: 0 });
        const body = JSON.parse(res.body.toString('utf8')) as Record<string, unknown>;
        const rec: ApiExpectation = body.kind === 'Status' ? { request, code: res.status, status: body } : { request, code: res.status, object: { apiVersion: body.apiVersion, kind: body.kind, metadata: { name: (body.metadata as { name?: string }).name } } };
        writeFileSync(file, `${JSON.stringify(rec, null, 2)}\n`);
        return;
      }
      const exp = JSON.parse(known!) as ApiExpectation;
      const res = await sendCase(c, exp);
      expect(res.status).toBe(exp.code);
      expect(String(res.headers['content-type'])).toBe('application/json');
      const body = JSON.parse(res.body.toString('utf8')) as Record<string, unknown>;
      if (exp.status) {
        // Same fields, same values, same order as Go writes them.
        expect(body).toEqual(exp.status);
        expect(JSON.stringify(body)).toBe(JSON.stringify(exp.status));
      }
      if (exp.object) expect(body).toMatchObject(exp.object);
    }, 60_000);
  });

  it('still answers afterwards, with its memory back near where it started', async () => {
    // The whole direct-request corpus again, 25 times over, between two measurements
    // after a full garbage collection. The server runs in this process, so the test
    // process's heap plus its off-heap buffers (request bodies live there) is the
    // server's: what grows across rounds is what it keeps per bad request. Keeping
    // every body it reads (all but the one over 3 MiB) would add some 10 MiB.
    const rounds = 25;
    const direct = ALL.map((c) => ({ c, exp: JSON.parse(readFileSync(join(CORPUS, `${c.name}.api.json`), 'utf8')) as ApiExpectation }));
    const once = async () => {
      for (const { c, exp } of direct) expect((await sendCase(c, exp)).status, c.name).toBeGreaterThanOrEqual(200);
    };
    await once(); // warm-up: first-use allocations (schemas, caches) are not growth
    collectGarbage();
    const before = process.memoryUsage();
    for (let i = 0; i < rounds; i++) await once();
    collectGarbage();
    const after = process.memoryUsage();
    const MiB = (n: number) => n / 2 ** 20;
    const grown = MiB(after.heapUsed + after.external - before.heapUsed - before.external);
    console.log(
      `bad-input corpus: ${rounds} rounds of ${direct.length} direct requests (${MiB(direct.reduce((n, { c, exp }) => n + requestBody(c, exp.request).length, 0) * rounds).toFixed(0)} MiB of bodies); ` +
        `heapUsed ${MiB(before.heapUsed).toFixed(1)} -> ${MiB(after.heapUsed).toFixed(1)} MiB, external ${MiB(before.external).toFixed(1)} -> ${MiB(after.external).toFixed(1)} MiB, ` +
        `growth ${grown.toFixed(1)} MiB, rss ${MiB(after.rss).toFixed(0)} MiB`,
    );
    expect(grown).toBeLessThan(5);

    expect((await send(api.url, { method: 'GET', path: '/version' })).status).toBe(200);
    const list = await send(api.url, { method: 'GET', path: '/api/v1/services' });
    expect(list.status).toBe(200);
    if (haveKubectl) {
      const r = await kubectl('get', 'services', '-A', '-o', 'name');
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('service/np-holder');
    }
  }, 240_000);
});
