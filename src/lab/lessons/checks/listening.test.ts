import { describe, expect, it } from 'vitest';
import { judgeListening } from './listening';
import type { Socket } from './netstat';
import type { ListeningCheck } from './spec';

const spec: ListeningCheck = { type: 'listening', host: 'node1', port: '30200', process: 'kube-proxy' };
const sock = (s: Partial<Socket>): Socket => ({ local: '0.0.0.0', port: 30200, state: 'LISTEN', program: 'kube-proxy', pid: 41, ...s });

describe('judgeListening', () => {
  it('passes when the process listens on the port, on any address', () => {
    expect(judgeListening(spec, 30200, undefined, [sock({})]).passed).toBe(true);
  });

  it('says nothing listens, naming the port and the process', () => {
    const v = judgeListening(spec, 30200, undefined, [sock({ port: 30222 }), sock({ state: 'ESTABLISHED' })]);
    expect(v.passed).toBe(false);
    expect(v.reason?.en).toBe('Nothing in node1 listens on :30200 (expected kube-proxy).');
  });

  it('names another program holding the port', () => {
    const v = judgeListening(spec, 30200, undefined, [sock({ program: 'nginx' })]);
    expect(v.reason?.en).toContain('held by nginx, not kube-proxy');
  });

  it('with an address, only sockets on it (or on every address) count', () => {
    const haproxy = { ...spec, host: 'cloud' as const, process: 'haproxy' };
    expect(judgeListening(haproxy, 80, '10.100.0.240', [sock({ local: '10.100.0.250', program: 'haproxy', port: 80 })]).passed).toBe(false);
    expect(judgeListening(haproxy, 80, '10.100.0.240', [sock({ local: '10.100.0.240', program: 'haproxy', port: 80 })]).passed).toBe(true);
  });
});
