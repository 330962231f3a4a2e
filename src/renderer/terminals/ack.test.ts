import { describe, expect, it } from 'vitest';
import { TERMINAL_ACK_CHARS } from '../../shared/api';
import { AckCounter } from './ack';

describe('AckCounter', () => {
  it('acknowledges in steps and never holds back a whole step', () => {
    const a = new AckCounter(100);
    expect(a.drew(60)).toBe(0);
    expect(a.drew(60)).toBe(120);
    expect(a.drew(99)).toBe(0);
    expect(a.drew(1)).toBe(100);
  });

  it('uses the step the engine resumes at', () => {
    const a = new AckCounter();
    expect(a.drew(TERMINAL_ACK_CHARS - 1)).toBe(0);
    expect(a.drew(1)).toBe(TERMINAL_ACK_CHARS);
  });
});
