import { describe, expect, it } from 'vitest';
import { firstUntoleratedTaint, matchingTolerations, minTolerationMs, toleratesTaint } from './taints';

const cp = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const };
const unreachable = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' as const };

describe('tolerations', () => {
  it('match by key, effect, operator and value', () => {
    expect(toleratesTaint({ key: cp.key, operator: 'Exists', effect: 'NoSchedule' }, cp)).toBe(true);
    expect(toleratesTaint({ key: cp.key, effect: 'NoSchedule' }, cp)).toBe(true); // Equal with empty value
    expect(toleratesTaint({ key: cp.key, value: 'x' }, cp)).toBe(false);
    expect(toleratesTaint({ key: cp.key, operator: 'Exists', effect: 'NoExecute' }, cp)).toBe(false);
    expect(toleratesTaint({ operator: 'Exists' }, cp)).toBe(true);
  });

  it('find the first untolerated taint of the effects that count', () => {
    const taints = [{ key: 'a', effect: 'PreferNoSchedule' as const }, cp, unreachable];
    const hard = (t: { effect: string }) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';
    expect(firstUntoleratedTaint(taints, [], hard)).toBe(cp);
    expect(firstUntoleratedTaint(taints, [{ key: cp.key, operator: 'Exists' }], hard)).toBe(unreachable);
  });

  it('give the shortest tolerationSeconds among the tolerations used', () => {
    const tol = [{ key: unreachable.key, operator: 'Exists' as const, effect: 'NoExecute', tolerationSeconds: 300 }];
    const m = matchingTolerations([unreachable], tol);
    expect(m).toEqual({ all: true, used: tol });
    expect(minTolerationMs(m.used)).toBe(300_000);
    expect(matchingTolerations([unreachable], []).all).toBe(false);
    expect(minTolerationMs([{ operator: 'Exists' }])).toBe(-1);
    expect(minTolerationMs([])).toBe(0);
  });
});
