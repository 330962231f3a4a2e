// etcd v3 through its JSON gateway (/v3/kv/*, /v3/watch): plain HTTP, so the
// API server bundle needs no gRPC. Keys and values travel base64-encoded and
// int64 numbers as strings.
import http from 'node:http';
import type { KeyValue, KV, RangeResult, WatchCallbacks, WatchEvent, WatchHandle, WriteResult } from './kv';
import { prefixEnd } from './kv';

interface RawKV {
  key: string;
  value?: string;
  create_revision?: string;
  mod_revision?: string;
  version?: string;
}

interface RawHeader {
  revision?: string;
}

const b64 = (s: string) => Buffer.from(s, 'latin1').toString('base64');
const unb64 = (s: string | undefined) => (s ? Buffer.from(s, 'base64').toString('latin1') : '');

function toKV(raw: RawKV): KeyValue {
  return {
    key: unb64(raw.key),
    // Values are UTF-8 JSON; keys stay byte strings.
    value: raw.value ? Buffer.from(raw.value, 'base64').toString('utf8') : '',
    createRevision: Number(raw.create_revision ?? 0),
    modRevision: Number(raw.mod_revision ?? 0),
    version: Number(raw.version ?? 0),
  };
}

export class EtcdGateway implements KV {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  private readonly url: URL;

  constructor(endpoint: string) {
    this.url = new URL(endpoint);
  }

  private call<T>(path: string, body: unknown): Promise<T> {
    const payload = JSON.stringify(body);
    return new Promise<T>((resolve, reject) => {
      const req = http.request(
        {
          host: this.url.hostname,
          port: this.url.port,
          path,
          method: 'POST',
          agent: this.agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            if (res.statusCode !== 200) return reject(new Error(`etcd ${path}: ${res.statusCode} ${text}`));
            try {
              resolve(JSON.parse(text) as T);
            } catch (err) {
              reject(err);
            }
          });
          res.on('error', reject);
        },
      );
      req.setTimeout(10_000, () => req.destroy(new Error(`etcd ${path}: timed out`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  async range(prefix: string): Promise<RangeResult> {
    const r = await this.call<{ header: RawHeader; kvs?: RawKV[] }>('/v3/kv/range', { key: b64(prefix), range_end: b64(prefixEnd(prefix)) });
    return { kvs: (r.kvs ?? []).map(toKV), revision: Number(r.header.revision) };
  }

  async get(key: string): Promise<{ kv?: KeyValue; revision: number }> {
    const r = await this.call<{ header: RawHeader; kvs?: RawKV[] }>('/v3/kv/range', { key: b64(key) });
    return { kv: r.kvs?.[0] ? toKV(r.kvs[0]) : undefined, revision: Number(r.header.revision) };
  }

  private async txn(compare: unknown[], success: unknown[], key: string): Promise<WriteResult> {
    const r = await this.call<{ header: RawHeader; succeeded?: boolean; responses?: { response_range?: { kvs?: RawKV[] } }[] }>('/v3/kv/txn', {
      compare,
      success,
      failure: [{ request_range: { key: b64(key) } }],
    });
    const revision = Number(r.header.revision);
    if (r.succeeded) return { succeeded: true, revision };
    const kv = r.responses?.[0]?.response_range?.kvs?.[0];
    return { succeeded: false, revision, current: kv ? toKV(kv) : undefined };
  }

  create(key: string, value: string): Promise<WriteResult> {
    return this.txn(
      [{ key: b64(key), target: 'CREATE', result: 'EQUAL', create_revision: '0' }],
      [{ request_put: { key: b64(key), value: Buffer.from(value, 'utf8').toString('base64') } }],
      key,
    );
  }

  update(key: string, value: string, expectedModRevision: number): Promise<WriteResult> {
    return this.txn(
      [{ key: b64(key), target: 'MOD', result: 'EQUAL', mod_revision: String(expectedModRevision) }],
      [{ request_put: { key: b64(key), value: Buffer.from(value, 'utf8').toString('base64') } }],
      key,
    );
  }

  delete(key: string, expectedModRevision?: number): Promise<WriteResult> {
    const compare =
      expectedModRevision === undefined
        ? [{ key: b64(key), target: 'CREATE', result: 'GREATER', create_revision: '0' }]
        : [{ key: b64(key), target: 'MOD', result: 'EQUAL', mod_revision: String(expectedModRevision) }];
    return this.txn(compare, [{ request_delete_range: { key: b64(key) } }], key);
  }

  async compact(revision: number): Promise<void> {
    await this.call('/v3/kv/compaction', { revision: String(revision) });
  }

  watch(prefix: string, fromRevision: number, callbacks: WatchCallbacks): WatchHandle {
    let closed = false;
    const body = JSON.stringify({
      create_request: { key: b64(prefix), range_end: b64(prefixEnd(prefix)), start_revision: String(fromRevision), prev_kv: true },
    });
    const finish = (reason: { compacted?: number; error?: Error }) => {
      if (closed) return;
      closed = true;
      callbacks.onClose(reason);
    };
    const req = http.request(
      { host: this.url.hostname, port: this.url.port, path: '/v3/watch', method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let nl: number;
          while ((nl = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, nl).trim();
            buffer = buffer.slice(nl + 1);
            if (line) this.onWatchMessage(line, callbacks, finish);
          }
        });
        res.on('end', () => finish({ error: new Error('etcd watch stream ended') }));
        res.on('error', (error) => finish({ error }));
      },
    );
    req.on('error', (error) => finish({ error }));
    req.end(body);
    return {
      close() {
        closed = true;
        req.destroy();
      },
    };
  }

  private onWatchMessage(line: string, callbacks: WatchCallbacks, finish: (r: { compacted?: number; error?: Error }) => void): void {
    let msg: { result?: { header?: RawHeader; events?: { type?: string; kv: RawKV; prev_kv?: RawKV }[]; compact_revision?: string; canceled?: boolean; cancel_reason?: string }; error?: { message?: string } };
    try {
      msg = JSON.parse(line);
    } catch (error) {
      return finish({ error: error as Error });
    }
    if (msg.error) return finish({ error: new Error(msg.error.message ?? 'etcd watch error') });
    const result = msg.result;
    if (!result) return;
    if (result.compact_revision && Number(result.compact_revision) > 0) return finish({ compacted: Number(result.compact_revision) });
    if (result.canceled) return finish({ error: new Error(`etcd watch canceled: ${result.cancel_reason ?? ''}`) });
    if (!result.events?.length) return;
    const events: WatchEvent[] = result.events.map((e) => ({
      type: e.type === 'DELETE' ? 'DELETE' : 'PUT',
      kv: toKV(e.kv),
      prevKv: e.prev_kv ? toKV(e.prev_kv) : undefined,
    }));
    callbacks.onEvents(events, Number(result.header?.revision ?? events[events.length - 1]!.kv.modRevision));
  }
}
