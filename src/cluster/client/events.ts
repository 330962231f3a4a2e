// core/v1 Events as client-go's record.EventRecorder writes them: named
// `<object>.<hex unix nanos>`, repeats of the same event folded into one with a
// growing count, floods of similar events combined, per-object spam limited
// (tools/record/events_cache.go). Recording never blocks the caller: events
// queue up and one background writer sends them in order.
import type { Event, KubeObject, ObjectReference } from '../api/types';
import { ApiStatusError, R, type RestClient } from './rest';

export interface EventSource {
  component: string;
  host?: string;
}

export type EventType = 'Normal' | 'Warning';

export interface GroupVersionKind {
  apiVersion: string;
  kind: string;
}

/** reference.GetReference: what an event's involvedObject says about its object. */
export function objectReference(object: KubeObject, gvk?: GroupVersionKind): ObjectReference {
  const ref: ObjectReference = {
    kind: gvk?.kind ?? object.kind,
    namespace: object.metadata.namespace,
    name: object.metadata.name,
    uid: object.metadata.uid,
    apiVersion: gvk?.apiVersion ?? object.apiVersion,
    resourceVersion: object.metadata.resourceVersion,
  };
  for (const k of Object.keys(ref) as (keyof ObjectReference)[]) if (ref[k] === undefined || ref[k] === '') delete ref[k];
  return ref;
}

/** Go's time.Time in metav1.Time's JSON: whole seconds, UTC. */
function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d+Z$/, 'Z');
}

// --- correlation (pure) ------------------------------------------------------

const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
const SPAM_BURST = 25;
const SPAM_REFILL_MS = 300_000;
const CACHE_SIZE = 4096;

function involvedKey(e: Event): string[] {
  const o = e.involvedObject;
  return [e.source?.component ?? '', e.source?.host ?? '', o.kind ?? '', o.namespace ?? '', o.name ?? ''];
}

/** getEventKey: everything that makes two events "the same event". */
export function eventKey(e: Event): string {
  const o = e.involvedObject;
  return [...involvedKey(e), o.fieldPath ?? '', o.uid ?? '', o.apiVersion ?? '', e.type ?? '', e.reason ?? '', e.message ?? ''].join('\u0000');
}

function aggregateKey(e: Event): string {
  const o = e.involvedObject;
  return [...involvedKey(e), o.uid ?? '', o.apiVersion ?? '', e.type ?? '', e.reason ?? '', e.reportingComponent ?? '', e.reportingInstance ?? ''].join('\u0000');
}

function spamKey(e: Event): string {
  const o = e.involvedObject;
  return [...involvedKey(e), o.uid ?? '', o.apiVersion ?? ''].join('\u0000');
}

/** A map that forgets its oldest entries, as the correlator's LRU caches do. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly size: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value as string);
  }
}

export interface Correlation {
  event: Event;
  /** A merge patch for the existing event of this name, when this one repeats it. */
  patch?: { count: number; lastTimestamp: string | null | undefined; message: string | undefined };
  skip: boolean;
}

export class EventCorrelator {
  private readonly aggregates = new Lru<{ localKeys: Set<string>; last: number }>(CACHE_SIZE);
  private readonly observed = new Lru<{ count: number; firstTimestamp: string | null | undefined; name: string; resourceVersion?: string }>(CACHE_SIZE);
  private readonly buckets = new Lru<{ tokens: number; at: number }>(CACHE_SIZE);

  constructor(private readonly now: () => Date) {}

  correlate(input: Event, makeName: (object: string) => string): Correlation {
    const now = this.now();
    const { event: aggregated, key } = this.aggregate(input, now, makeName);
    const event = structuredClone(aggregated);
    const last = this.observed.get(key);
    let patch: Correlation['patch'];
    if (last && last.count > 0) {
      event.metadata.name = last.name;
      if (last.resourceVersion) event.metadata.resourceVersion = last.resourceVersion;
      event.firstTimestamp = last.firstTimestamp;
      event.count = last.count + 1;
      patch = { count: event.count, lastTimestamp: event.lastTimestamp, message: event.message };
    }
    this.observed.set(key, { count: event.count ?? 1, firstTimestamp: event.firstTimestamp, name: event.metadata.name!, resourceVersion: event.metadata.resourceVersion });
    return { event, patch, skip: !this.takeToken(spamKey(event), now.getTime()) };
  }

  /** After a write: later repeats patch the stored event (UpdateState). */
  stored(event: Event): void {
    this.observed.set(eventKey(event), { count: event.count ?? 1, firstTimestamp: event.firstTimestamp, name: event.metadata.name!, resourceVersion: event.metadata.resourceVersion });
  }

  private aggregate(event: Event, now: Date, makeName: (object: string) => string): { event: Event; key: string } {
    const akey = aggregateKey(event);
    let record = this.aggregates.get(akey);
    if (!record || now.getTime() - record.last > AGGREGATE_INTERVAL_MS) record = { localKeys: new Set(), last: 0 };
    record.localKeys.add(event.message ?? '');
    record.last = now.getTime();
    this.aggregates.set(akey, record);
    if (record.localKeys.size < AGGREGATE_MAX_EVENTS) return { event, key: eventKey(event) };
    record.localKeys.delete(record.localKeys.values().next().value as string);
    const t = rfc3339(now);
    const combined: Event = {
      ...event,
      metadata: { name: makeName(event.involvedObject.name ?? ''), namespace: event.metadata.namespace },
      count: 1,
      firstTimestamp: t,
      lastTimestamp: t,
      message: `(combined from similar events): ${event.message ?? ''}`,
    };
    return { event: combined, key: akey };
  }

  /** A token bucket per object: a burst of 25, then one event per 5 minutes. */
  private takeToken(key: string, now: number): boolean {
    const b = this.buckets.get(key) ?? { tokens: SPAM_BURST, at: now };
    b.tokens = Math.min(SPAM_BURST, b.tokens + (now - b.at) / SPAM_REFILL_MS);
    b.at = now;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.buckets.set(key, b);
    return ok;
  }
}

// --- the recorder (I/O) --------------------------------------------------------

export interface EventSink {
  create(namespace: string, event: Event): Promise<Event>;
  patch(namespace: string, name: string, patch: unknown): Promise<Event>;
}

export function restEventSink(client: RestClient): EventSink {
  return {
    create: (namespace, event) => client.create<Event>(R.events, namespace, { apiVersion: 'v1', kind: 'Event', ...event }),
    patch: (namespace, name, patch) => client.patch<Event>(R.events, namespace, name, patch, 'merge'),
  };
}

export interface EventRecorderOptions {
  now?: () => Date;
  log?: (line: string) => void;
  /** Queued events beyond this are dropped (the broadcaster's queue is 1000 long). */
  maxQueued?: number;
  /** Delay between attempts when the API server cannot be reached. */
  retryDelayMs?: number;
  maxTries?: number;
  /** reportingInstance when it is not the source host (the scheduler's is `default-scheduler-<hostname>`). */
  reportingInstance?: string;
}

export class EventRecorder {
  private readonly queue: Event[] = [];
  private readonly correlator: EventCorrelator;
  private readonly now: () => Date;
  private writing = false;
  private stopped = false;
  private idle: (() => void)[] = [];
  private lastNanos = 0n;

  constructor(
    private readonly sink: EventSink,
    private readonly source: EventSource,
    private readonly options: EventRecorderOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.correlator = new EventCorrelator(this.now);
  }

  /** Records an event about `ref`; returns at once. */
  event(ref: ObjectReference, type: EventType, reason: string, message: string): void {
    if (this.stopped) return;
    if ((this.queue.length) >= (this.options.maxQueued ?? 1000)) {
      this.options.log?.(`dropping event ${reason} for ${ref.namespace ?? ''}/${ref.name ?? ''}: too many queued events`);
      return;
    }
    const now = this.now();
    const t = rfc3339(now);
    this.queue.push({
      metadata: { name: this.eventName(ref.name ?? ''), namespace: ref.namespace || 'default' },
      involvedObject: ref,
      reason,
      message,
      source: this.source.host ? { component: this.source.component, host: this.source.host } : { component: this.source.component },
      firstTimestamp: t,
      lastTimestamp: t,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: this.source.component,
      reportingInstance: this.options.reportingInstance ?? this.source.host ?? '',
    });
    if (!this.writing) void this.drain();
  }

  /** Resolves once every queued event has been written or given up on. */
  flush(): Promise<void> {
    if (!this.writing && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Drops what is queued and gives up retries (the component is shutting down). */
  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
  }

  /** `<name>.<hex nanoseconds>`, strictly increasing so two events in one millisecond never collide. */
  private eventName(object: string): string {
    let nanos = BigInt(this.now().getTime()) * 1_000_000n;
    if (nanos <= this.lastNanos) nanos = this.lastNanos + 1n;
    this.lastNanos = nanos;
    return `${object}.${nanos.toString(16)}`;
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      for (let event = this.queue.shift(); event; event = this.queue.shift()) await this.write(event);
    } finally {
      this.writing = false;
      for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  private async write(input: Event): Promise<void> {
    const { event, patch, skip } = this.correlator.correlate(input, (o) => this.eventName(o));
    if (skip) return;
    const ns = event.metadata.namespace!;
    const maxTries = this.options.maxTries ?? 12;
    for (let attempt = 1; ; attempt++) {
      try {
        let stored: Event | undefined;
        if (patch) {
          try {
            stored = await this.sink.patch(ns, event.metadata.name!, patch);
          } catch (err) {
            if (!(err instanceof ApiStatusError && err.code === 404)) throw err;
          }
        }
        if (!stored) {
          const fresh = structuredClone(event);
          delete fresh.metadata.resourceVersion;
          stored = await this.sink.create(ns, fresh);
        }
        this.correlator.stored(stored);
        return;
      } catch (err) {
        // The server said no (invalid, namespace terminating, exists): retrying will not help.
        if (err instanceof ApiStatusError || attempt >= maxTries || this.stopped) {
          this.options.log?.(`unable to write event ${event.reason} for ${ns}/${event.involvedObject.name ?? ''}: ${(err as Error).message}`);
          return;
        }
        await new Promise((r) => setTimeout(r, this.options.retryDelayMs ?? 10_000).unref());
        if (this.stopped) return;
      }
    }
  }
}

export function newEventRecorder(client: RestClient, source: EventSource, options: EventRecorderOptions = {}): EventRecorder {
  return new EventRecorder(restEventSink(client), source, options);
}
