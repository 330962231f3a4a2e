// The engine behind the UI: one per process (Electron main or `kubelab
// serve`), shared by every window or browser tab. It owns the Docker
// connection, the long tasks, the cluster watch, the settings and the lesson
// (with the learner's progress, next to the settings); each client
// gets its own session (session.ts) with its own terminals and subscriptions.
import type Docker from 'dockerode';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectDocker, currentEndpoint } from '../docker/client';
import { LessonEngine } from '../lessons/engine';
import { loadLesson } from '../lessons/files';
import { LiveLab } from '../lessons/live-access';
import { loadManifests } from '../lessons/manifests';
import { DEFAULT_LESSON } from '../lessons/open';
import { ProgressStore } from '../lessons/progress';
import { appRoot } from '../paths';
import { ClusterWatcher } from './cluster/watcher';
import { LessonHub } from './lesson/hub';
import { SettingsStore, defaultConfigDir } from './settings-store';
import { Tasks } from './tasks';

export interface EngineOptions {
  lab?: string;
  apiPort?: number;
  /** Folder of settings.json. */
  configDir?: string;
  /** A native file dialog (Electron); absent in the browser. */
  chooseFile?: () => Promise<string | null>;
  /** Opens a checked URL (Electron's shell); absent in the browser, whose page opens it. */
  openExternal?: (url: string) => Promise<void>;
  /** The image tarball packed into the app for offline classrooms, if any. */
  bundledImage?: string;
}

export class Engine {
  readonly lab: string;
  readonly apiPort: number;
  readonly docker: Docker;
  readonly tasks = new Tasks();
  readonly settings: SettingsStore;
  readonly cluster: ClusterWatcher;
  readonly lesson: LessonHub;
  readonly version: string;

  constructor(readonly options: EngineOptions = {}) {
    this.lab = options.lab ?? (process.env.KUBELAB_LAB || 'kubelab');
    this.apiPort = options.apiPort ?? Number(process.env.KUBELAB_API_PORT || 16443);
    this.docker = connectDocker(currentEndpoint());
    this.settings = new SettingsStore(join(options.configDir ?? defaultConfigDir(), 'settings.json'));
    this.cluster = new ClusterWatcher(this.docker, this.lab, `http://127.0.0.1:${this.apiPort}`);
    const progressFile = process.env.KUBELAB_PROGRESS_FILE || join(options.configDir ?? defaultConfigDir(), 'lesson-progress.json');
    this.lesson = new LessonHub(() => {
      const lab = new LiveLab(this.docker, this.lab, `http://127.0.0.1:${this.apiPort}`);
      return { engine: new LessonEngine(loadLesson(DEFAULT_LESSON), lab, loadManifests(), new ProgressStore(progressFile)), lab };
    });
    try {
      this.version = (JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
    } catch {
      this.version = '0.0.0';
    }
  }

  host(name: string): string {
    return `${this.lab}-${name}`;
  }
}
