import { describe, expect, it } from 'vitest';
import { boxHeight, fit, layoutFlow, type FlowBox } from './flow';

const box = (id: string, lines = 1, x?: number): FlowBox => ({ id, kind: 'pod', title: id, lines: Array.from({ length: lines }, () => 'l'), live: true, x });

describe('flow layout', () => {
  it('stacks rows top to bottom and spreads each row inside the width', () => {
    const l = layoutFlow({ rows: [[box('svc', 2)], [box('a'), box('b'), box('c')]], edges: [{ from: 'svc', to: 'a' }, { from: 'svc', to: 'c', label: '1/3' }] }, 480);
    const [svc, a, b, c] = l.boxes;
    expect(svc!.left + svc!.width / 2).toBeCloseTo(240);
    expect(a!.top).toBeGreaterThan(svc!.top + boxHeight(svc!));
    expect(a!.left).toBeGreaterThanOrEqual(0);
    expect(c!.left + c!.width).toBeLessThanOrEqual(480);
    expect(b!.left).toBeGreaterThan(a!.left + a!.width);
    expect(l.edges).toHaveLength(2);
    expect(l.edges[1]).toMatchObject({ label: '1/3', x1: svc!.left + svc!.width / 2, y1: svc!.top + svc!.height, y2: c!.top });
    expect(l.height).toBeGreaterThan(c!.top + c!.height);
  });

  it('puts a box where it is told, kept inside the canvas', () => {
    const l = layoutFlow({ rows: [[box('left', 1, 0.3), box('right', 1, 0.99)]], edges: [] }, 400);
    expect(l.boxes[0]!.left + l.boxes[0]!.width / 2).toBeCloseTo(120);
    expect(l.boxes[1]!.left + l.boxes[1]!.width).toBeLessThanOrEqual(400);
  });

  it('drops arrows to boxes that are not drawn or that point upwards', () => {
    const l = layoutFlow({ rows: [[box('a')], [box('b')]], edges: [{ from: 'a', to: 'gone' }, { from: 'b', to: 'a' }] });
    expect(l.edges).toEqual([]);
  });

  it('cuts text to the box', () => {
    expect(fit('short', 200)).toBe('short');
    expect(fit('KUBE-SEP-ABCDEFGHIJKLMNOPQRSTUVWXYZ', 100)).toMatch(/…$/);
    expect(fit('KUBE-SEP-ABCDEFGHIJKLMNOPQRSTUVWXYZ', 100).length).toBeLessThan(20);
  });
});
