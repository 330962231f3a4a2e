import { describe, expect, it } from 'vitest';
import { enabled } from './manager';

describe('--controllers', () => {
  it('takes upstream names and their aliases, * and -name', () => {
    expect(enabled('deployment-controller', ['*'])).toBe(true);
    expect(enabled('deployment-controller', ['*', '-deployment'])).toBe(false);
    expect(enabled('deployment-controller', ['deployment'])).toBe(true);
    expect(enabled('replicaset-controller', ['deployment'])).toBe(false);
    expect(enabled('replicaset-controller', ['*', '-deployment-controller'])).toBe(true);
  });
});
