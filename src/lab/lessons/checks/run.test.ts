import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../cluster/api/types';
import type { Step } from '../model';
import { LessonError, say } from '../say';
import type { ExecResult, LabAccess } from './access';
import { checkStep } from './run';

const service: KubeObject = { kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default' }, spec: { clusterIP: '10.96.0.1' } };

function fakeAccess(over: Partial<LabAccess> = {}): LabAccess {
  return {
    get: async (_k, _ns, name) => (name === 'kubernetes' ? service : undefined),
    list: async () => [],
    execHost: async (): Promise<ExecResult> => ({ exitCode: 0, stdout: '', stderr: '' }),
    execPod: async (): Promise<ExecResult> => ({ exitCode: 0, stdout: '', stderr: '' }),
    ...over,
  };
}

const step = (check: Step['check']): Step => ({
  id: 's',
  section: 'x',
  host: 'master',
  command: 'true',
  title: say('t', 't'),
  text: say('t', 't'),
  lookFor: say('l', 'l'),
  hint: say('힌트', 'Run it in master.'),
  check,
  effect: { apply: [], delete: [] },
  expect: { fails: false, output: [] },
});

const object = (name: string) => ({ type: 'object' as const, kind: 'Service' as const, namespace: 'default', name, absent: false, fields: [] });

describe('checkStep', () => {
  it('passes with an empty hint when every check passes', async () => {
    const a = await checkStep(step([object('kubernetes')]), fakeAccess());
    expect(a).toMatchObject({ id: 's', passed: true, hint: { ko: '', en: '' } });
  });

  it("gives the first failing check's reason, then the step's hint", async () => {
    const a = await checkStep(step([object('kubernetes'), object('webui'), object('other')]), fakeAccess());
    expect(a.passed).toBe(false);
    expect(a.hint.en).toBe('There is no Service webui yet. Run it in master.');
    expect(a.hint.ko).toBe('Service webui이(가) 아직 없습니다. 힌트');
  });

  it('answers within the deadline when the lab does not', async () => {
    const slow = fakeAccess({ get: () => new Promise(() => {}) });
    const a = await checkStep(step([object('kubernetes')]), slow, { deadlineMs: 50 });
    expect(a.passed).toBe(false);
    expect(a.ms).toBeLessThan(500);
    expect(a.hint.en).toBe('The lab did not answer within 50 ms. Check again in a moment.');
  });

  it('says the API server is down instead of failing', async () => {
    const down = fakeAccess({ get: async () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:16443'), { code: 'ECONNREFUSED' })) });
    const a = await checkStep(step([object('kubernetes')]), down);
    expect(a.hint.en).toMatch(/^The API server does not answer\. Is the lab running\?/);
  });

  it('says what a placeholder could not find', async () => {
    const probe = { type: 'probe' as const, from: { host: 'station' as const }, url: 'http://{lb:loadbalancer-service}/', times: 1, expect: { kind: 'status' as const, status: 200 } };
    const a = await checkStep(step([probe]), fakeAccess());
    expect(a.hint.en).toBe('There is no Service loadbalancer-service yet. Run it in master.');
    expect(new LessonError(say('a', 'b')).message).toBe('b');
  });
});
