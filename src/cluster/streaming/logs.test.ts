import { Readable, type Transform } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { logTarget } from './log-target';
import { ByteLimit, dockerLogOptions, parseLogOptions, rfc3339Nano, TimestampRewriter } from './logs';

async function through(chunks: string[], stage: Transform): Promise<string> {
  return text(Readable.from(chunks.map((c) => Buffer.from(c))).pipe(stage));
}

describe('log options', () => {
  it('reads PodLogOptions as the kubelet decodes them', () => {
    expect(parseLogOptions(new URLSearchParams('follow=true&tailLines=10&timestamps=true'))).toEqual({ follow: true, previous: false, timestamps: true, tailLines: 10, sinceSeconds: undefined, sinceTime: undefined, limitBytes: undefined });
    expect(parseLogOptions(new URLSearchParams('tail=all'))).toMatchObject({ tailLines: undefined });
    expect(parseLogOptions(new URLSearchParams('tailLines=x'))).toEqual({ status: 400, message: '{"message": "Unable to decode query."}' });
    expect(parseLogOptions(new URLSearchParams('tailLines=-1'))).toEqual({ status: 422, message: '{"message": "Invalid request."}' });
  });

  it('turns since* into Docker’s unix time', () => {
    expect(dockerLogOptions({ follow: false, previous: false, timestamps: false, sinceSeconds: 60 }, 1_000_000).since).toBe(940);
    expect(dockerLogOptions({ follow: false, previous: false, timestamps: false, sinceTime: '1970-01-01T00:16:40Z' }).since).toBe(1000);
  });
});

describe('timestamps', () => {
  it('print as RFC3339Nano, trailing zeros trimmed', () => {
    expect(rfc3339Nano('2024-05-01T12:00:00.120000000Z')).toBe('2024-05-01T12:00:00.12Z');
    expect(rfc3339Nano('2024-05-01T12:00:00.000000000Z')).toBe('2024-05-01T12:00:00Z');
    expect(rfc3339Nano('2024-05-01T12:00:00.123456789Z')).toBe('2024-05-01T12:00:00.123456789Z');
  });

  it('are rewritten at every line start, across any chunking', async () => {
    const input = '2024-05-01T12:00:00.100000000Z GET / 200\n2024-05-01T12:00:01.000000000Z \n2024-05-01T12:00:02.000000500Z done';
    const want = '2024-05-01T12:00:00.1Z GET / 200\n2024-05-01T12:00:01Z \n2024-05-01T12:00:02.0000005Z done';
    expect(await through([input], new TimestampRewriter())).toBe(want);
    const bytes = [...input].map((ch) => ch);
    expect(await through(bytes, new TimestampRewriter())).toBe(want);
    expect(await through([input.slice(0, 45), input.slice(45, 70), input.slice(70)], new TimestampRewriter())).toBe(want);
  });

  it('leave lines without a stamp alone', async () => {
    expect(await through(['plain\nline'], new TimestampRewriter())).toBe('plain\nline');
  });
});

describe('limitBytes', () => {
  it('cuts the log after that many bytes', async () => {
    expect(await through(['hello ', 'world'], new ByteLimit(8))).toBe('hello wo');
  });
});

describe('which log', () => {
  const status = (state: object, lastState: object = {}) => ({ containerStatuses: [{ name: 'nginx', state, lastState, ready: false, restartCount: 1, image: '', imageID: '', containerID: 'docker://cur' }] });
  it('reads the running container, or the last one with --previous', () => {
    expect(logTarget('web', status({ running: {} }), 'nginx', false)).toEqual({ containerID: 'docker://cur' });
    expect(logTarget('web', status({ running: {} }, { terminated: { exitCode: 1, containerID: 'docker://old' } }), 'nginx', true)).toEqual({ containerID: 'docker://old' });
    expect(logTarget('web', status({ running: {} }), 'nginx', true)).toEqual({ error: 'previous terminated container "nginx" in pod "web" not found' });
  });

  it('explains why there is no log yet', () => {
    expect(logTarget('web', status({ waiting: { reason: 'ContainerCreating' } }), 'nginx', false)).toEqual({ error: 'container "nginx" in pod "web" is waiting to start: ContainerCreating' });
    expect(logTarget('web', status({ waiting: { reason: 'ImagePullBackOff' } }), 'nginx', false)).toEqual({ error: 'container "nginx" in pod "web" is waiting to start: trying and failing to pull image' });
    expect(logTarget('web', status({ waiting: { reason: 'CrashLoopBackOff' } }, { terminated: { exitCode: 1, containerID: 'docker://old' } }), 'nginx', false)).toEqual({ containerID: 'docker://old' });
    expect(logTarget('web', {}, 'nginx', false)).toEqual({ error: 'container "nginx" in pod "web" is not available' });
  });
});
