// `kubelab image build`: base image, kubectl, then the recipe, with progress.
import type Docker from 'dockerode';
import { copyFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ProgressSink } from '../../shared/engine';
import { followStream } from '../docker/stream';
import { cacheDir, cachePath, resourcesDir } from '../paths';
import { dockerDataRoot, ensureBaseImage, imageExists } from './base';
import { DiskFullError, DiskFullScanner, errorText, isDiskFull } from './disk-full';
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
  let kubectl: string;
  try {
    kubectl = await ensureKubectl(undefined, (message) => progress({ task: 'image', step: 'kubectl', message }));
  } catch (err) {
    if (isDiskFull(errorText(err))) throw new DiskFullError({ place: { side: 'host', path: cachePath('kubectl') }, step: 'fetching kubectl', leftovers: [] });
    throw err;
  }

  // A fresh context holding only what the recipe copies in.
  let context = '';
  const removeContext = (): string[] => {
    try {
      if (context) rmSync(context, { recursive: true, force: true });
      return [];
    } catch {
      return [context];
    }
  };
  try {
    context = cacheDir('image-context');
    rmSync(context, { recursive: true, force: true });
    mkdirSync(context, { recursive: true });
    cpSync(resourcesDir('image'), context, { recursive: true });
    copyFileSync(kubectl, join(context, 'kubectl'));
  } catch (err) {
    const leftovers = removeContext();
    if (isDiskFull(errorText(err))) throw new DiskFullError({ place: { side: 'host', path: cachePath('image-context') }, step: 'preparing the build context', leftovers });
    throw err;
  }

  progress({ task: 'image', step: 'recipe', message: `building ${tag}`, fraction: 0 });
  // What the engine held before, so that a failed build can take back exactly the images it made.
  const before = new Set((await docker.listImages({ all: true }).catch(() => [])).map((i) => i.Id));
  const tagged = await imageExists(docker, tag);
  const stepImages: string[] = [];
  const full = new DiskFullScanner();
  let fraction = 0;
  try {
    const stream = await docker.buildImage(
      { context, src: ['Dockerfile', 'files', 'kubectl'] },
      { t: tag, buildargs: { BASE: BASE_IMAGE }, rm: true, forcerm: true, labels: { 'io.kubelab.image': 'lab' } } as Docker.ImageBuildOptions,
    );
    await followStream(
      docker,
      stream,
      (m) => {
        const text = m.stream ?? m.status ?? '';
        full.feed(text);
        // The classic builder names each step's image as " ---> ID".
        for (const id of text.matchAll(/^ ---> ([0-9a-f]{12,64})\s*$/gm)) stepImages.push(id[1]!);
        // A message may hold several lines of apt output; the last one says where the build is.
        const line = text.trim().split('\n').pop()?.trim();
        if (!line) return;
        fraction = stepFraction(line) ?? fraction;
        progress({ task: 'image', step: 'recipe', message: line, fraction: Math.min(0.99, fraction) });
      },
      signal,
    );
  } catch (err) {
    const leftovers = removeContext();
    if (!full.seen && !isDiskFull(errorText(err))) throw err;
    // Out of space: take back what this build made, the step images and a tag it may have left.
    leftovers.push(...(await removeBuildImages(docker, stepImages, before, tagged ? undefined : tag)));
    throw new DiskFullError({ place: { side: 'docker', dataRoot: await dockerDataRoot(docker) }, step: 'running the Dockerfile', leftovers });
  }
  removeContext();
  // The build must have produced the tag; a cancelled or failed build leaves no half image under it.
  if (!(await imageExists(docker, tag))) throw new Error(`the build finished but ${tag} is not in Docker`);
  progress({ task: 'image', message: `built ${tag}`, fraction: 1, done: true });
  return tag;
}

/**
 * Removes the images a failed build made: the untagged step images that were
 * not in the engine before it started, last step first (removing a child frees
 * its untagged parents), and `tag` if the build left it. Returns what stayed.
 */
async function removeBuildImages(docker: Docker, stepImages: string[], before: Set<string>, tag: string | undefined): Promise<string[]> {
  const leftovers: string[] = [];
  if (tag && (await imageExists(docker, tag).catch(() => false))) await docker.getImage(tag).remove({ force: true }).catch(() => leftovers.push(tag));
  if (before.size === 0) return leftovers; // the engine could not be listed: nothing to compare with
  const images = await docker.listImages({ all: true }).catch(() => []);
  const untagged = (i: Docker.ImageInfo) => (i.RepoTags ?? []).every((t) => t === '<none>:<none>');
  for (const short of [...stepImages].reverse()) {
    const image = images.find((i) => i.Id.replace(/^sha256:/, '').startsWith(short));
    if (!image || before.has(image.Id) || !untagged(image)) continue;
    await docker
      .getImage(image.Id)
      .remove()
      .catch((err: { statusCode?: number }) => {
        if (err.statusCode !== 404) leftovers.push(short);
      });
  }
  return leftovers;
}

export { IMAGE_REPO };
