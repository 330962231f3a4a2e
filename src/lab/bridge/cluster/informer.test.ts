import { describe, expect, it } from 'vitest';
import { Informer } from './informer';
import type { KubeTransport, WatchEvent } from './kube-http';

const pod = (name: string, rv: string) => ({ metadata: { name, namespace: 'default', resourceVersion: rv } });

describe('Informer', () => {
  it('lists, follows the watch, and relists after 410 Gone', async () => {
    const paths: string[] = [];
    let lists = 0;
    const watches: ((e: WatchEvent) => void)[] = [];
    const ends: (() => void)[] = [];
    const http: KubeTransport = {
      get: async (path) => {
        paths.push(path);
        lists++;
        return lists === 1 ? { metadata: { resourceVersion: '5' }, items: [pod('a', '4')] } : { metadata: { resourceVersion: '20' }, items: [pod('c', '19')] };
      },
      watch: (path, onEvent) => {
        paths.push(path);
        watches.push(onEvent);
        return { done: new Promise<void>((r) => ends.push(r)), stop: () => {} };
      },
    };
    let changes = 0;
    const inf = new Informer(http, '/api/v1/pods', () => changes++, { sleep: async () => {} });
    const running = inf.run();
    await new Promise((r) => setTimeout(r, 0));
    expect([...inf.store.keys()]).toEqual(['default/a']);
    expect(paths[1]).toBe('/api/v1/pods?watch=1&allowWatchBookmarks=true&resourceVersion=5');
    watches[0]!({ type: 'ADDED', object: pod('b', '6') });
    watches[0]!({ type: 'DELETED', object: pod('a', '7') });
    expect([...inf.store.keys()]).toEqual(['default/b']);
    watches[0]!({ type: 'ERROR', object: { kind: 'Status', code: 410 } as never });
    ends[0]!();
    await new Promise((r) => setTimeout(r, 10));
    expect([...inf.store.keys()]).toEqual(['default/c']);
    expect(paths[3]).toContain('resourceVersion=20');
    expect(changes).toBeGreaterThanOrEqual(4);
    inf.stop();
    ends[1]!();
    await running;
  });

  it('reports an API server that does not answer, and keeps trying', async () => {
    let calls = 0;
    const http: KubeTransport = {
      get: async () => {
        calls++;
        throw new Error('connect ECONNREFUSED 127.0.0.1:16443');
      },
      watch: () => ({ done: Promise.resolve(), stop: () => {} }),
    };
    const inf = new Informer(http, '/api/v1/nodes', () => {}, {
      sleep: async () => {
        if (calls >= 3) inf.stop();
      },
    });
    await inf.run();
    expect(calls).toBe(3);
    expect(inf.status).toEqual({ synced: false, error: 'connect ECONNREFUSED 127.0.0.1:16443' });
  });
});
