import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/api';
import { InvalidArgument, isNotification, isRequest, notificationArgs, requestArgs, settings } from './validate';

describe('request validators', () => {
  it('accepts what the UI sends', () => {
    expect(requestArgs.openTerminal([{ kind: 'host', host: 'node1' }, { cols: 80, rows: 24 }])).toEqual([{ kind: 'host', host: 'node1' }, { cols: 80, rows: 24 }]);
    expect(requestArgs.openTerminal([{ kind: 'pod', namespace: 'default', pod: 'webui-7d9f-abcde' }, { cols: 80, rows: 24 }])[0]).toEqual({ kind: 'pod', namespace: 'default', pod: 'webui-7d9f-abcde' });
    expect(requestArgs.readManifest(['deploy-nginx.yaml'])).toEqual(['deploy-nginx.yaml']);
    expect(requestArgs.watchTraffic([null])).toEqual([null]);
  });

  it('refuses hosts outside the lab and names that could escape', () => {
    expect(() => requestArgs.openTerminal([{ kind: 'host', host: 'kubelab-master; rm -rf /' }, { cols: 80, rows: 24 }])).toThrow(InvalidArgument);
    expect(() => requestArgs.openTerminal([{ kind: 'pod', namespace: 'default', pod: '../etc' }, { cols: 80, rows: 24 }])).toThrow(InvalidArgument);
    for (const name of ['../.bashrc', '.bashrc', 'a/b.yaml', 'x.sh', '']) expect(() => requestArgs.readManifest([name])).toThrow(InvalidArgument);
    expect(() => requestArgs.loadImage(['relative.tar'])).toThrow(InvalidArgument);
  });

  it('checks the number of arguments', () => {
    expect(() => requestArgs.checkDocker(['extra'])).toThrow(/0 argument/);
    expect(() => requestArgs.readManifest([])).toThrow(/1 argument/);
    expect(() => requestArgs.readManifest('x.yaml')).toThrow(InvalidArgument);
  });

  it('clamps terminal sizes instead of refusing them', () => {
    expect(notificationArgs.resizeTerminal(['t1', { cols: 100000, rows: 0 }])).toEqual(['t1', { cols: 1000, rows: 1 }]);
    expect(() => notificationArgs.resizeTerminal(['t1', { cols: Number.NaN, rows: 3 }])).toThrow(InvalidArgument);
  });

  it('only knows the contract names, not inherited ones', () => {
    expect(isRequest('openTerminal')).toBe(true);
    expect(isRequest('constructor')).toBe(false);
    expect(isRequest('__proto__')).toBe(false);
    expect(isNotification('writeTerminal')).toBe(true);
    expect(isNotification('openTerminal')).toBe(false);
  });
});

describe('settings', () => {
  it('keeps what is valid and defaults the rest, field by field', () => {
    const s = settings({ language: 'ko', theme: 'purple', fontSize: 99, split: 0.5, terminals: [{ kind: 'host', host: 'node2' }, { kind: 'host', host: 'evil' }], activeTerminal: 7 });
    expect(s.language).toBe('ko');
    expect(s.theme).toBe(DEFAULT_SETTINGS.theme);
    expect(s.fontSize).toBe(32);
    expect(s.terminals).toEqual([{ kind: 'host', host: 'node2' }]);
    expect(s.activeTerminal).toBe(0);
  });

  it('returns the defaults for garbage', () => {
    expect(settings('nonsense')).toEqual(DEFAULT_SETTINGS);
  });
});

describe('lesson requests', () => {
  it('take a lesson id and nothing that could be a path or a pattern', () => {
    expect(requestArgs.lessonCheck(['clusterip-create-service'])).toEqual(['clusterip-create-service']);
    expect(requestArgs.lessonDiagram(['kube-proxy'])).toEqual(['kube-proxy']);
    expect(requestArgs.lessonResetLab([])).toEqual([]);
    for (const bad of ['../progress', 'Clusterip', 'a b', '-x', '', 'x'.repeat(65), 7, null]) {
      expect(() => requestArgs.lessonCheck([bad]), String(bad)).toThrow(InvalidArgument);
      expect(() => requestArgs.lessonResetStep([bad]), String(bad)).toThrow(InvalidArgument);
    }
    expect(() => requestArgs.lessonCommand([])).toThrow(/1 argument/);
    expect(() => requestArgs.lessonStatus(['x'])).toThrow(/0 argument/);
  });
});
