import { describe, expect, it } from 'vitest';
import { CHANNEL, decodeFrame, encodeFrame, PROTOCOL, selectProtocol } from './protocol';
import { ResizeDecoder, type TerminalSize } from './resize';
import { parseKubeletPath, parseStreamOptions } from './request';
import { exitCodeStatus, internalErrorStatus, successStatus } from './status';

describe('frames', () => {
  it('prefix binary data with the channel byte', () => {
    expect(encodeFrame(CHANNEL.stdout, Buffer.from('hi'))).toEqual(Buffer.from([1, 104, 105]));
    expect(decodeFrame(Buffer.from([0, 0x61, 0x0a]))).toEqual({ channel: 0, data: Buffer.from('a\n') });
    expect(decodeFrame(Buffer.from([255, 0]))).toEqual({ channel: 255, data: Buffer.from([0]) });
    expect(decodeFrame(Buffer.alloc(0))).toBeNull();
  });

  it('use an ASCII digit and base64 in the base64 protocols', () => {
    expect(encodeFrame(CHANNEL.stdout, Buffer.from('\n'), true)).toBe('1Cg==');
    expect(decodeFrame('0Zm9vCg==', true)).toEqual({ channel: 0, data: Buffer.from('foo\n') });
  });

  it('negotiate the first protocol the client offers that the server speaks', () => {
    expect(selectProtocol(['v5.channel.k8s.io'])).toBe(PROTOCOL.v5);
    expect(selectProtocol(['v6.channel.k8s.io', 'v4.channel.k8s.io', 'v5.channel.k8s.io'])).toBe(PROTOCOL.v4);
    expect(selectProtocol(['SPDY/3.1'])).toBeNull();
  });
});

describe('status on the error channel', () => {
  it('is metav1.Status without kind, as the kubelet marshals it', () => {
    expect(successStatus()).toBe('{"metadata":{},"status":"Success"}');
    expect(exitCodeStatus(['sh', '-c', 'exit 3'], 3)).toBe(
      '{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}',
    );
    expect(JSON.parse(internalErrorStatus('boom'))).toEqual({ metadata: {}, status: 'Failure', message: 'Internal error occurred: boom', reason: 'InternalError', details: { causes: [{ message: 'boom' }] }, code: 500 });
  });

  it('escapes HTML characters as Go’s encoder does', () => {
    expect(exitCodeStatus(['sh', '-c', 'test 1 < 2 && exit 1'], 1)).toContain('[sh -c test 1 \\u003c 2 \\u0026\\u0026 exit 1]');
  });
});

describe('resize channel', () => {
  it('decodes sizes however the JSON is cut into frames', () => {
    const seen: TerminalSize[] = [];
    const d = new ResizeDecoder((s) => seen.push(s));
    d.push('{"Width":80,');
    d.push('"Height":24}\n{"Width":120,"Height":40}{"Wid');
    d.push('th":0,"Height":5}{"Width":100,"Height":30}');
    expect(seen).toEqual([{ width: 80, height: 24 }, { width: 120, height: 40 }, { width: 100, height: 30 }]);
  });
});

describe('kubelet requests', () => {
  it('parse the API server’s exec, attach and log paths', () => {
    expect(parseKubeletPath('/exec/default/web-1/nginx')).toEqual({ kind: 'exec', namespace: 'default', pod: 'web-1', container: 'nginx' });
    expect(parseKubeletPath('/attach/default/web-1/uid-1/nginx')).toEqual({ kind: 'attach', namespace: 'default', pod: 'web-1', uid: 'uid-1', container: 'nginx' });
    expect(parseKubeletPath('/containerLogs/kube-system/coredns-1/coredns')).toMatchObject({ kind: 'containerLogs', container: 'coredns' });
    expect(parseKubeletPath('/containerLogs/a/b/c/d')).toBeNull();
    expect(parseKubeletPath('/pods')).toBeNull();
  });

  it('read the stream options, dropping stderr with a TTY', () => {
    expect(parseStreamOptions(new URLSearchParams('stdin=1&stdout=1&stderr=1&tty=1'))).toEqual({ stdin: true, stdout: true, stderr: false, tty: true });
    expect(parseStreamOptions(new URLSearchParams('stdout=true&stderr=true'))).toEqual({ stdin: false, stdout: true, stderr: true, tty: false });
    expect(parseStreamOptions(new URLSearchParams('tty=1'))).toEqual({ error: 'you must specify at least 1 of stdin, stdout, stderr' });
  });
});
