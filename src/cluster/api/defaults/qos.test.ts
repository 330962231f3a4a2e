import { describe, expect, it } from 'vitest';
import type { Pod } from '../types';
import { computePodQOS } from './qos';

const pod = (resources: Record<string, Record<string, string>>[]): Pod =>
  ({ metadata: {}, spec: { containers: resources.map((r, i) => ({ name: `c${i}`, image: 'x', resources: r })) } });

// pkg/apis/core/helper/qos ComputePodQOS.
describe('QoS class', () => {
  it('is BestEffort without cpu or memory requests and limits', () => {
    expect(computePodQOS(pod([{}, { limits: { 'ephemeral-storage': '1Gi' } }]))).toBe('BestEffort');
  });
  it('is Guaranteed when every container limits cpu and memory at its requests', () => {
    expect(computePodQOS(pod([{ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1000m', memory: '1Gi' } }]))).toBe('Guaranteed');
  });
  it('is Burstable otherwise', () => {
    expect(computePodQOS(pod([{ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } }]))).toBe('Burstable');
    expect(computePodQOS(pod([{ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }, {}]))).toBe('Burstable');
  });
});
