// Wiring a LessonEngine to the live lab, the shipped manifests and the
// progress file: one call for the CLI, and for the lesson panel's bridge.
import type Docker from 'dockerode';
import { LessonEngine } from './engine';
import { loadLesson } from './files';
import { LiveLab } from './live-access';
import { loadManifests } from './manifests';
import { ProgressStore } from './progress';

export const DEFAULT_LESSON = 'services';

export interface OpenOptions {
  docker: Docker;
  lab: string;
  /** e.g. http://127.0.0.1:16443 */
  apiServer: string;
  lesson?: string;
  progressFile?: string;
}

export function openLesson(o: OpenOptions): LessonEngine {
  return new LessonEngine(loadLesson(o.lesson ?? DEFAULT_LESSON), new LiveLab(o.docker, o.lab, o.apiServer), loadManifests(), new ProgressStore(o.progressFile));
}
