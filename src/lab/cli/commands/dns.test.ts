import { Resolver } from 'node:dns/promises';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dump } from 'js-yaml';
import { labCluster } from '../../../cluster/dns/fixtures';
import { UsageError } from '../command';
import { loadObjects, startDns } from './dns';

const dir = mkdtempSync(join(tmpdir(), 'kubelab-dns-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const list = { apiVersion: 'v1', kind: 'List', metadata: {}, items: labCluster() };

describe('kubelab dns', () => {
  it('answers from a JSON List on 127.0.0.1 over UDP', async () => {
    const { server, port, counts } = await startDns(['--objects', file('objects.json', JSON.stringify(list)), '--port', '0', '--upstream', '127.0.0.1:9']);
    try {
      expect(counts).toMatchObject({ Service: 9, EndpointSlice: 4, Pod: 3 });
      const r = new Resolver({ timeout: 1000, tries: 1 });
      r.setServers([`127.0.0.1:${port}`]);
      expect(await r.resolve4('webui.default.svc.cluster.local')).toEqual(['10.100.100.100']);
      expect(await r.resolveSrv('_http._tcp.webui.default.svc.cluster.local')).toEqual([{ name: 'webui.default.svc.cluster.local', port: 80, priority: 0, weight: 100 }]);
    } finally {
      await server.close();
    }
  });

  it('reads YAML as well', async () => {
    const { server, port } = await startDns(['--objects', file('objects.yaml', dump(list)), '--port', '0', '--upstream', '127.0.0.1']);
    try {
      const r = new Resolver({ timeout: 1000, tries: 1 });
      r.setServers([`127.0.0.1:${port}`]);
      expect((await r.resolve4('nginx-headless.default.svc.cluster.local')).sort()).toEqual(['10.244.1.5', '10.244.1.8', '10.244.2.6']);
    } finally {
      await server.close();
    }
  });

  it('explains a bad file in one sentence', async () => {
    await expect(loadObjects(join(dir, 'missing.json'))).rejects.toThrow(/^cannot read .*missing\.json: ENOENT/);
    await expect(loadObjects(file('broken.json', '{"kind": "List", "items": ['))).rejects.toThrow(/broken\.json is neither JSON nor YAML/);
    await expect(loadObjects(file('scalar.json', '42'))).rejects.toThrow(/scalar\.json: expected a kind: List/);
    await expect(loadObjects(file('items.json', '{"kind": "List", "items": {}}'))).rejects.toThrow(/"items" is not a list/);
    await expect(loadObjects(file('nameless.json', '{"kind": "List", "items": [{"kind": "Service", "metadata": {}}]}'))).rejects.toThrow(/item 1 is not a Kubernetes object/);
  });

  it('accepts a single object', async () => {
    const objs = await loadObjects(file('one.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: default}\nspec: {clusterIP: 10.96.1.1}\n'));
    expect(objs.map((o) => o.kind)).toEqual(['Service']);
  });

  it('rejects wrong arguments as usage errors', async () => {
    const f = file('ok.json', JSON.stringify(list));
    await expect(startDns(['--objects', f])).rejects.toThrow(UsageError);
    await expect(startDns(['--objects', f, '--port', 'x'])).rejects.toThrow(/--port must be a port number/);
    await expect(startDns(['--objects', f, '--port', '0', '--upstream', 'a:b:c:d:e:f:g:h:i'])).rejects.toThrow(UsageError);
    await expect(startDns(['--objects', f, '--port', '0', '--bogus', '1'])).rejects.toThrow(/unknown option --bogus/);
  });

  it('says clearly when the port is taken', async () => {
    const f = file('ok2.json', JSON.stringify(list));
    const first = await startDns(['--objects', f, '--port', '0', '--upstream', '127.0.0.1:9']);
    try {
      await expect(startDns(['--objects', f, '--port', String(first.port), '--upstream', '127.0.0.1:9'])).rejects.toThrow(`127.0.0.1:${first.port} is already in use`);
    } finally {
      await first.server.close();
    }
  });
});
