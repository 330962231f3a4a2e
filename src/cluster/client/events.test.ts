import { describe, expect, it } from 'vitest';
import type { Event } from '../api/types';
import { EventRecorder, objectReference, type EventSink } from './events';
import { ApiStatusError } from './rest';

function fakeSink() {
  const stored = new Map<string, Event>();
  const calls: string[] = [];
  let rv = 0;
  const sink: EventSink = {
    async create(ns, event) {
      calls.push(`create ${ns}/${event.metadata.name}`);
      const e = { ...structuredClone(event), metadata: { ...event.metadata, resourceVersion: String(++rv) } };
      stored.set(`${ns}/${event.metadata.name}`, e);
      return e;
    },
    async patch(ns, name, patch) {
      calls.push(`patch ${ns}/${name} ${JSON.stringify(patch)}`);
      const e = stored.get(`${ns}/${name}`);
      if (!e) throw new ApiStatusError(404, undefined, 'not found');
      Object.assign(e, patch);
      return e;
    },
  };
  return { sink, stored, calls };
}

const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'default', uid: 'u1', resourceVersion: '7' } };

describe('EventRecorder', () => {
  it('writes an event as client-go does', async () => {
    const { sink, stored } = fakeSink();
    const now = new Date('2026-01-02T03:04:05.678Z');
    const r = new EventRecorder(sink, { component: 'default-scheduler' }, { now: () => now });
    r.event(objectReference(pod), 'Normal', 'Scheduled', 'Successfully assigned default/web-1 to node1');
    await r.flush();
    const [event] = [...stored.values()];
    expect(event.metadata.name).toBe(`web-1.${(BigInt(now.getTime()) * 1_000_000n).toString(16)}`);
    expect(event).toMatchObject({
      involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'u1', apiVersion: 'v1', resourceVersion: '7' },
      reason: 'Scheduled',
      source: { component: 'default-scheduler' },
      reportingComponent: 'default-scheduler',
      reportingInstance: '',
      firstTimestamp: '2026-01-02T03:04:05Z',
      lastTimestamp: '2026-01-02T03:04:05Z',
      count: 1,
      type: 'Normal',
    });
  });

  it('files events of cluster-scoped objects in default and keeps the host', async () => {
    const { sink, stored } = fakeSink();
    const r = new EventRecorder(sink, { component: 'kubelet', host: 'node1' });
    r.event(objectReference({ metadata: { name: 'node1', uid: 'n' } }, { apiVersion: 'v1', kind: 'Node' }), 'Normal', 'NodeReady', 'x');
    await r.flush();
    const [event] = [...stored.values()];
    expect(event.metadata.namespace).toBe('default');
    expect(event.source).toEqual({ component: 'kubelet', host: 'node1' });
    expect(event.reportingInstance).toBe('node1');
  });

  it('folds repeats into one event with a count and a later lastTimestamp', async () => {
    const { sink, stored, calls } = fakeSink();
    let t = Date.parse('2026-01-02T03:04:05Z');
    const r = new EventRecorder(sink, { component: 'default-scheduler' }, { now: () => new Date(t) });
    r.event(objectReference(pod), 'Warning', 'FailedScheduling', 'no nodes');
    await r.flush();
    t += 3000;
    r.event(objectReference(pod), 'Warning', 'FailedScheduling', 'no nodes');
    await r.flush();
    expect(stored.size).toBe(1);
    const [event] = [...stored.values()];
    expect(event.count).toBe(2);
    expect(event.firstTimestamp).toBe('2026-01-02T03:04:05Z');
    expect(event.lastTimestamp).toBe('2026-01-02T03:04:08Z');
    expect(calls[1]).toMatch(/^patch default\/web-1\.[0-9a-f]+ \{"count":2,/);
  });

  it('creates the event again when the one it repeats is gone', async () => {
    const { sink, stored, calls } = fakeSink();
    const r = new EventRecorder(sink, { component: 'c' });
    r.event(objectReference(pod), 'Normal', 'R', 'm');
    await r.flush();
    stored.clear();
    r.event(objectReference(pod), 'Normal', 'R', 'm');
    await r.flush();
    expect(calls.map((c) => c.split(' ')[0])).toEqual(['create', 'patch', 'create']);
    expect([...stored.values()][0].count).toBe(2);
  });

  it('combines a flood of similar events with different messages', async () => {
    const { sink, stored } = fakeSink();
    const r = new EventRecorder(sink, { component: 'c' });
    for (let i = 0; i < 12; i++) r.event(objectReference(pod), 'Normal', 'R', `message ${i}`);
    await r.flush();
    const combined = [...stored.values()].filter((e) => e.message!.startsWith('(combined from similar events): '));
    expect(stored.size).toBe(10);
    expect(combined).toHaveLength(1);
    expect(combined[0].count).toBe(3);
    expect(combined[0].message).toBe('(combined from similar events): message 11');
  });

  it('limits one object to a burst of 25 events', async () => {
    const { sink, calls } = fakeSink();
    const r = new EventRecorder(sink, { component: 'c' });
    for (let i = 0; i < 30; i++) r.event(objectReference(pod), 'Normal', 'R', 'same');
    await r.flush();
    expect(calls).toHaveLength(25);
  });

  it('never blocks the caller, even when the server hangs', async () => {
    const never: EventSink = { create: () => new Promise(() => {}), patch: () => new Promise(() => {}) };
    const r = new EventRecorder(never, { component: 'c' }, { maxQueued: 3 });
    const started = performance.now();
    for (let i = 0; i < 100; i++) r.event(objectReference(pod), 'Normal', 'R', `m${i}`);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('gives up on an event the server refuses, and goes on with the next', async () => {
    const { sink, stored } = fakeSink();
    let first = true;
    const refusing: EventSink = {
      ...sink,
      async create(ns, e) {
        if (first) {
          first = false;
          throw new ApiStatusError(422, undefined, 'invalid');
        }
        return sink.create(ns, e);
      },
    };
    const r = new EventRecorder(refusing, { component: 'c' });
    r.event(objectReference(pod), 'Normal', 'A', 'a');
    r.event(objectReference(pod), 'Normal', 'B', 'b');
    await r.flush();
    expect([...stored.values()].map((e) => e.reason)).toEqual(['B']);
  });
});
