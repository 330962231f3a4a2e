import { describe, expect, it } from 'vitest';
import type { PodFact } from '../facts';
import { judgePods } from './pods';
import type { PodsCheck } from './spec';

const spec: PodsCheck = { type: 'pods', namespace: 'default', selector: 'app=webui', ready: 3, nodes: 2 };
const pod = (name: string, over: Partial<PodFact> = {}): PodFact => ({ namespace: 'default', name, labels: { app: 'webui' }, ip: '10.244.1.2', node: 'node1', phase: 'Running', ready: true, terminating: false, ...over });

describe('judgePods', () => {
  it('passes with enough ready pods on enough nodes', () => {
    expect(judgePods(spec, [pod('a'), pod('b', { node: 'node2' }), pod('c')]).passed).toBe(true);
  });

  it('says there are no pods at all', () => {
    expect(judgePods(spec, [pod('x', { labels: { app: 'other' } })]).reason?.en).toBe('There are no pods with app=webui yet.');
  });

  it('counts only ready, live pods and names those still waiting', () => {
    const v = judgePods(spec, [pod('a'), pod('b', { ready: false, phase: 'Pending' }), pod('c', { terminating: true }), pod('d', { node: 'node2' })]);
    expect(v.reason?.en).toBe('Only 2 of 3 pods with app=webui are ready; waiting: b (Pending).');
  });

  it('says the pods are not spread over enough nodes', () => {
    const v = judgePods(spec, [pod('a'), pod('b'), pod('c')]);
    expect(v.reason?.en).toBe('The ready app=webui pods run only on node1; they should be spread over 2 nodes.');
  });
});
