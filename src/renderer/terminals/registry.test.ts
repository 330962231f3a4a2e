import { describe, expect, it } from 'vitest';
import { TerminalRegistry, isEnter, type PaneHandle } from './registry';

const handle = (key: number): PaneHandle => ({ key, target: { kind: 'host', host: 'master' }, paste: () => {}, focus: () => {}, ready: Promise.resolve() });

describe('the terminal registry', () => {
  it('hands over a pane that registers later, and forgets it when it goes', async () => {
    const r = new TerminalRegistry();
    const later = r.pane(3);
    const off = r.register(handle(3));
    await expect(later).resolves.toMatchObject({ key: 3 });
    await expect(r.pane(3)).resolves.toMatchObject({ key: 3 });
    off();
    let got = false;
    void r.pane(3).then(() => (got = true));
    await Promise.resolve();
    expect(got).toBe(false);
  });

  it('tells Enter from a pasted line', () => {
    expect(isEnter('\r')).toBe(true);
    expect(isEnter('ls\r')).toBe(true);
    expect(isEnter('\x1b[200~kubectl get svc\r\x1b[201~')).toBe(false);
    expect(isEnter('k')).toBe(false);
  });
});
