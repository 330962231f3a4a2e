import { describe, expect, it } from 'vitest';
import type { EngineSession, WireServerMessage } from '../../shared/api';
import { ProtocolViolation, dispatch } from './dispatch';

function fakeSession() {
  const calls: unknown[][] = [];
  const session = {
    readManifest: async (name: string) => {
      calls.push(['readManifest', name]);
      return `# ${name}`;
    },
    writeTerminal: (id: string, data: string) => void calls.push(['writeTerminal', id, data]),
  } as unknown as EngineSession;
  return { session, calls };
}

describe('dispatch', () => {
  it('runs a request with validated arguments and replies with its value', async () => {
    const { session, calls } = fakeSession();
    const replies: WireServerMessage[] = [];
    await dispatch(session, JSON.stringify({ t: 'call', id: 7, m: 'readManifest', a: ['deploy-nginx.yaml'] }), (m) => replies.push(m));
    expect(calls).toEqual([['readManifest', 'deploy-nginx.yaml']]);
    expect(replies).toEqual([{ t: 'result', id: 7, ok: true, v: '# deploy-nginx.yaml' }]);
  });

  it('answers invalid arguments with an error, without calling the engine', async () => {
    const { session, calls } = fakeSession();
    const replies: WireServerMessage[] = [];
    await dispatch(session, JSON.stringify({ t: 'call', id: 1, m: 'readManifest', a: ['../../etc/shadow'] }), (m) => replies.push(m));
    expect(calls).toEqual([]);
    expect(replies[0]).toMatchObject({ ok: false, e: expect.stringMatching(/^invalid argument/) });
  });

  it('treats names outside the contract as a violation', async () => {
    const { session } = fakeSession();
    for (const m of ['dispose', 'constructor', 'toString', 'eval']) {
      await expect(dispatch(session, JSON.stringify({ t: 'call', id: 1, m, a: [] }), () => {})).rejects.toThrow(ProtocolViolation);
    }
    await expect(dispatch(session, 'not json', () => {})).rejects.toThrow(ProtocolViolation);
  });

  it('passes notifications through', async () => {
    const { session, calls } = fakeSession();
    await dispatch(session, JSON.stringify({ t: 'note', m: 'writeTerminal', a: ['t1', 'ls\r'] }), () => {});
    expect(calls).toEqual([['writeTerminal', 't1', 'ls\r']]);
  });
});
