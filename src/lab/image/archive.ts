// Image tarballs for offline classrooms: `kubelab image save FILE` on a machine
// that has the image, `kubelab image load FILE` on every machine in the room.
import type Docker from 'dockerode';
import { createReadStream, createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { ImageStatus, ProgressSink } from '../../shared/engine';
import { followStream } from '../docker/stream';
import { imageExists } from './base';
import { IMAGE_REPO, imageTag } from './recipe';

export async function saveImage(docker: Docker, file: string, progress: ProgressSink): Promise<void> {
  const tag = imageTag();
  if (!(await imageExists(docker, tag))) throw new Error(`${tag} is not in Docker: run \`kubelab image build\` first`);
  progress({ task: 'image', step: 'save', message: `saving ${tag} to ${file}` });
  const partial = `${file}.partial`;
  try {
    await pipeline(await docker.getImage(tag).get(), createWriteStream(partial));
    renameSync(partial, file);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  progress({ task: 'image', step: 'save', message: `saved ${(statSync(file).size / 1e6).toFixed(0)} MB`, done: true, fraction: 1 });
}

export async function loadImage(docker: Docker, file: string, progress: ProgressSink): Promise<string> {
  try {
    statSync(file);
  } catch {
    throw new Error(`${file}: no such file`);
  }
  progress({ task: 'image', step: 'load', message: `loading ${file}` });
  const stream = await docker.loadImage(createReadStream(file));
  const loaded: string[] = [];
  await followStream(docker, stream, (m) => {
    const line = (m.stream ?? m.status ?? '').trim();
    const name = line.match(/^Loaded image: (\S+)/)?.[1];
    if (name) loaded.push(name);
    if (line) progress({ task: 'image', step: 'load', message: line });
  });
  const tag = imageTag();
  if (!loaded.includes(tag)) {
    const what = loaded.length ? loaded.join(', ') : 'no named image';
    throw new Error(`${file} held ${what}, but this KubeLab needs ${tag} (the tarball was made from another version of the recipe)`);
  }
  progress({ task: 'image', step: 'load', message: `loaded ${tag}`, done: true, fraction: 1 });
  return tag;
}

export async function imageStatus(docker: Docker): Promise<ImageStatus> {
  const tag = imageTag();
  const images = await docker.listImages({ filters: JSON.stringify({ reference: [`${IMAGE_REPO}`] }) });
  const mine = images.find((i) => (i.RepoTags ?? []).includes(tag));
  const stale = images.flatMap((i) => i.RepoTags ?? []).filter((t) => t !== tag);
  return {
    tag,
    present: Boolean(mine),
    sizeBytes: mine?.Size,
    created: mine ? new Date(mine.Created * 1000).toISOString() : undefined,
    stale,
  };
}
