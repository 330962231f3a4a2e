import { describe, expect, it } from 'vitest';
import { FlowControl } from './flow';

describe('FlowControl', () => {
  it('pauses above the high watermark once, and resumes below the low one', () => {
    const f = new FlowControl(100, 10);
    expect(f.sent(60)).toBe(false);
    expect(f.sent(60)).toBe(true);
    expect(f.isPaused).toBe(true);
    expect(f.sent(30)).toBe(false); // already paused: output in flight still counts
    expect(f.acked(100)).toBe(false); // 50 pending: not yet
    expect(f.acked(45)).toBe(true);
    expect(f.isPaused).toBe(false);
    expect(f.pending).toBe(5);
  });

  it('never goes below zero on a late or duplicate acknowledgement', () => {
    const f = new FlowControl(100, 10);
    f.sent(5);
    expect(f.acked(50)).toBe(false);
    expect(f.pending).toBe(0);
  });
});
