// `kubelab image build`: base image, kubectl, then the recipe, with progress.
import type Docker from 'dockerode';
import { copyFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ProgressSink } from '../../shared/engine';
import { followStream } from '../docker/stream';
import { cacheDir, resourcesDir } from '../paths';
import { ensureBaseImage, imageExists } from './base';
import { ensureKubectl } from './kubectl';
import { BASE_IMAGE, IMAGE_REPO, imageTag } from './recipe';

export interface BuildOptions {
  progress: ProgressSink;
  signal?: AbortSignal;
  /** Rebuild even when the tag exists. */
  force?: boolean;
}

/** Fraction of the build from the classic builder's "Step N/M" lines. */
export function stepFraction(line: string): number | undefined {
  const m = line.match(/^Step (\d+)\/(\d+) :/);
  return m ? Number(m[1]) / Number(m[2]) : undefined;
}

export async function buildImage(docker: Docker, options: BuildOptions): Promise<string> {
  const { progress, signal } = options;
  const tag = imageTag();
  if (!options.force && (await imageExists(docker, tag))) {
    progress({ task: 'image', message: `${tag} is already built`, fraction: 1, done: true });
    return tag;
  }
  await ensureBaseImage(docker, progress, signal);
  const kubectl = await ensureKubectl(undefined, (message) => progress({ task: 'image', step: 'kubectl', message }));

  // A fresh context holding only what the recipe copies in.
  const context = cacheDir('image-context');
  rmSync(context, { recursive: true, force: true });
  mkdirSync(context, { recursive: true });
  cpSync(resourcesDir('image'), context, { recursive: true });
  copyFileSync(kubectl, join(context, 'kubectl'));

  progress({ task: 'image', step: 'recipe', message: `building ${tag}`, fraction: 0 });
  const stream = await docker.buildImage(
    { context, src: ['Dockerfile', 'files', 'kubectl'] },
    { t: tag, buildargs: { BASE: BASE_IMAGE }, rm: true, forcerm: true, labels: { 'io.kubelab.image': 'lab' } } as Docker.ImageBuildOptions,
  );
  let fraction = 0;
  await followStream(
    docker,
    stream,
    (m) => {
      // A message may hold several lines of apt output; the last one says where the build is.
      const line = (m.stream ?? m.status ?? '').trim().split('\n').pop()?.trim();
      if (!line) return;
      fraction = stepFraction(line) ?? fraction;
      progress({ task: 'image', step: 'recipe', message: line, fraction: Math.min(0.99, fraction) });
    },
    signal,
  );
  rmSync(context, { recursive: true, force: true });
  // The build must have produced the tag; a cancelled or failed build leaves no half image under it.
  if (!(await imageExists(docker, tag))) throw new Error(`the build finished but ${tag} is not in Docker`);
  progress({ task: 'image', message: `built ${tag}`, fraction: 1, done: true });
  return tag;
}

export { IMAGE_REPO };
