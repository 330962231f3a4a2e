// The real Docker engine for tests: found or explained away, and every
// container a test makes is named kubelab-rt-test-* and removed afterwards.
import { DockerClient } from './client';
import type { ContainerCreateBody } from './types';

export const TEST_LABEL = 'io.kubelab.rt-test';

export type DockerForTests = { ok: true; docker: DockerClient; image: string } | { ok: false; reason: string };

/** The engine and the local lab image (kubelab/lab:<tag>), or why tests that need them skip. */
export async function dockerForTests(): Promise<DockerForTests> {
  const docker = new DockerClient();
  try {
    await docker.ping();
  } catch (err) {
    docker.close();
    return { ok: false, reason: `no Docker engine answers (${(err as Error).message})` };
  }
  const images = await docker.listImages('kubelab/lab');
  const tagged = images.flatMap((i) => i.RepoTags ?? []).filter((t) => t.startsWith('kubelab/lab:'));
  if (tagged.length === 0) {
    docker.close();
    return { ok: false, reason: 'the lab image kubelab/lab:<tag> is not in Docker (run `kubelab image build`)' };
  }
  // The newest build is the one the recipe describes.
  const newest = images.filter((i) => (i.RepoTags ?? []).some((t) => t.startsWith('kubelab/lab:'))).sort((a, b) => b.Created - a.Created)[0]!;
  return { ok: true, docker, image: (newest.RepoTags ?? []).find((t) => t.startsWith('kubelab/lab:'))! };
}

export class TestContainers {
  private readonly run = `${process.pid}-${Date.now().toString(36)}`;
  private n = 0;

  constructor(private readonly docker: DockerClient) {}

  name(hint: string): string {
    return `kubelab-rt-test-${hint}-${this.run}-${++this.n}`;
  }

  async create(hint: string, body: ContainerCreateBody, start = true): Promise<{ id: string; name: string }> {
    const name = this.name(hint);
    const { Id } = await this.docker.createContainer(name, { ...body, Labels: { ...body.Labels, [TEST_LABEL]: this.run } });
    if (start) await this.docker.startContainer(Id);
    return { id: Id, name };
  }

  /** Removes every container this run made, whatever state it is in. */
  async cleanup(): Promise<void> {
    const mine = await this.docker.listContainers([`${TEST_LABEL}=${this.run}`]);
    await Promise.all(mine.map((c) => this.docker.removeContainer(c.Id, { force: true })));
  }
}
