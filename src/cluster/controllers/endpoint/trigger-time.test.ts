import { describe, expect, it } from 'vitest';
import type { Pod, Service } from '../../api/types';
import { TriggerTimeTracker } from './trigger-time';

const svc: Service = { metadata: { name: 'web', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' }, spec: {} };
const pod = (name: string, readyAt: string): Pod => ({ metadata: { name }, spec: { containers: [] }, status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: readyAt }] } });

describe('TriggerTimeTracker', () => {
  it('reports the earliest change not reflected yet, and nothing when nothing changed', () => {
    const t = new TriggerTimeTracker();
    expect(t.compute(svc, [pod('a', '2026-01-01T00:00:05Z')])).toBe(Date.parse('2026-01-01T00:00:00Z'));
    expect(t.compute(svc, [pod('a', '2026-01-01T00:00:05Z')])).toBeUndefined();
    expect(t.compute(svc, [pod('a', '2026-01-01T00:00:05Z'), pod('b', '2026-01-01T00:00:09Z'), pod('c', '2026-01-01T00:00:07Z')])).toBe(Date.parse('2026-01-01T00:00:07Z'));
    // A pod leaving is no trigger: the annotation goes.
    expect(t.compute(svc, [pod('a', '2026-01-01T00:00:05Z')])).toBeUndefined();
  });
});
