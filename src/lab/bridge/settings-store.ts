// Settings remembered across restarts: one JSON file, validated field by field
// on the way in and out, written atomically (a crash mid-write keeps the old file).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Settings } from '../../shared/api';
import { settings as validSettings } from './validate';

/** Where `kubelab serve` keeps its settings; Electron passes its own userData folder. */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.KUBELAB_CONFIG_DIR) return env.KUBELAB_CONFIG_DIR;
  if (platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'KubeLab');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'KubeLab');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'kubelab');
}

export class SettingsStore {
  constructor(readonly file: string) {}

  load(): Settings {
    try {
      return validSettings(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      return validSettings(undefined);
    }
  }

  save(s: Settings): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const partial = `${this.file}.partial`;
    writeFileSync(partial, `${JSON.stringify(validSettings(s), null, 2)}\n`);
    renameSync(partial, this.file);
  }
}
