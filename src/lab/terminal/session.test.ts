import { describe, expect, it } from 'vitest';
import type { TerminalExit } from '../../shared/api';
import type { Clock } from './batch';
import { HIGH_WATERMARK } from './flow';
import type { TerminalProcess } from './process';
import { TerminalSession } from './session';

function fakeProcess() {
  let onData: (c: Buffer) => void = () => {};
  let onExit: (code: number | null) => void = () => {};
  interface Fake {
    written: string[];
    paused: boolean;
    killed: boolean;
    proc: TerminalProcess;
    emit(c: Buffer): void;
    exit(code: number): void;
  }
  const p: Fake = {
    written: [],
    paused: false,
    killed: false,
    proc: {
      onData: (l) => void (onData = l),
      onExit: (l) => void (onExit = l),
      write: (d) => void p.written.push(d),
      resize: () => {},
      pause: () => void (p.paused = true),
      resume: () => void (p.paused = false),
      kill: () => void (p.killed = true),
    },
    emit: (c: Buffer) => onData(c),
    exit: (code: number) => onExit(code),
  };
  return p;
}

// Every push is flushed at once: the batching has its own tests.
const instant: Clock = { now: () => Number.MAX_SAFE_INTEGER / 2 + Math.random(), setTimeout: (fn) => (fn(), 0), clearTimeout: () => {} };

describe('TerminalSession', () => {
  it('pauses a flood of output until the renderer acknowledges it, and input still gets through', () => {
    const p = fakeProcess();
    const out: string[] = [];
    const s = new TerminalSession('t1', p.proc, { data: (_id, d) => out.push(d), exit: () => {} }, async () => ({ code: 0, reason: 'exited' }), instant);
    const line = Buffer.from('y\n'.repeat(8192));
    while (!p.paused) p.emit(line);
    const sent = out.join('').length;
    expect(sent).toBeGreaterThan(HIGH_WATERMARK);
    expect(sent).toBeLessThan(HIGH_WATERMARK + line.length * 2);
    s.write('\x03'); // Ctrl-C while paused
    expect(p.written).toEqual(['\x03']);
    s.ack(sent);
    expect(p.paused).toBe(false);
  });

  it('joins a Korean character split across reads and flushes the tail before the exit', async () => {
    const p = fakeProcess();
    const out: string[] = [];
    let exit: TerminalExit | undefined;
    new TerminalSession('t2', p.proc, { data: (_id, d) => out.push(d), exit: (e) => (exit = e) }, async (code) => ({ code, reason: 'host-restarted' }), instant);
    const bytes = Buffer.from('안녕');
    p.emit(bytes.subarray(0, 2));
    p.emit(bytes.subarray(2, 5));
    p.emit(bytes.subarray(5));
    p.exit(137);
    await new Promise((r) => setTimeout(r, 0));
    expect(out.join('')).toBe('안녕');
    expect(exit).toEqual({ id: 't2', code: 137, reason: 'host-restarted' });
  });
});
