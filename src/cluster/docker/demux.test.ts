import { describe, expect, it } from 'vitest';
import { Demuxer, muxFrame, type StreamType } from './demux';

describe('Demuxer', () => {
  const stream = Buffer.concat([muxFrame('stdout', 'hello '), muxFrame('stderr', 'oops\n'), muxFrame('stdout', ''), muxFrame(3, 'daemon says no'), muxFrame('stdout', 'world\n')]);
  const expected = [['stdout', 'hello '], ['stderr', 'oops\n'], ['stderr', 'daemon says no'], ['stdout', 'world\n']];

  it('splits frames whole', () => {
    const seen: [StreamType, string][] = [];
    new Demuxer((t, p) => seen.push([t, p.toString()])).push(stream);
    expect(seen).toEqual(expected);
  });

  it('splits frames cut at every byte', () => {
    const seen: [StreamType, string][] = [];
    const d = new Demuxer((t, p) => seen.push([t, p.toString()]));
    for (const byte of stream) d.push(Buffer.from([byte]));
    expect(seen).toEqual(expected);
    expect(d.pending).toBe(0);
  });

  it('waits for the rest of an unfinished frame', () => {
    const seen: string[] = [];
    const d = new Demuxer((_t, p) => seen.push(p.toString()));
    const frame = muxFrame('stdout', 'abcdef');
    d.push(frame.subarray(0, 10));
    expect(seen).toEqual([]);
    expect(d.pending).toBe(10);
    d.push(frame.subarray(10));
    expect(seen).toEqual(['abcdef']);
  });
});
