import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/api';
import { SettingsStore, defaultConfigDir } from './settings-store';

let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('SettingsStore', () => {
  it('remembers what was saved, and starts from the defaults without a file or with a broken one', () => {
    dir = mkdtempSync(join(tmpdir(), 'settings-'));
    const store = new SettingsStore(join(dir, 'sub', 'settings.json'));
    expect(store.load()).toEqual(DEFAULT_SETTINGS);
    store.save({ ...DEFAULT_SETTINGS, language: 'ko', terminals: [{ kind: 'host', host: 'station' }] });
    expect(new SettingsStore(store.file).load()).toMatchObject({ language: 'ko', terminals: [{ kind: 'host', host: 'station' }] });
    writeFileSync(store.file, '{ not json');
    expect(store.load()).toEqual(DEFAULT_SETTINGS);
  });

  it('follows XDG and the override', () => {
    expect(defaultConfigDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/kubelab');
    expect(defaultConfigDir({ KUBELAB_CONFIG_DIR: '/tmp/k' }, 'linux')).toBe('/tmp/k');
  });
});
