import { describe, expect, it } from 'vitest';
import { containerName, sandboxName, shortUID } from './names';
import { NODE, UID } from './test-fixtures';

const DOCKER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const ref = { namespace: 'default', name: 'webui-7d9f-abcde', uid: UID };

describe('container names', () => {
  it('names the sandbox after lab, node, pod and the uid’s first 8 hex digits', () => {
    expect(shortUID(UID)).toBe('7d9f3c2a');
    expect(sandboxName(NODE, ref)).toBe('kubelab-node1-webui-7d9f-abcde-7d9f3c2a');
    expect(sandboxName(NODE, ref, 2)).toBe('kubelab-node1-webui-7d9f-abcde-7d9f3c2a.2');
  });

  it('gives every run of a container its own name', () => {
    const first = containerName(NODE, ref, 'nginx', 0);
    expect(first).toBe('kubelab-node1-webui-7d9f-abcde-7d9f3c2a-nginx');
    expect(containerName(NODE, ref, 'nginx', 3)).toBe(`${first}.3`);
    // A container called "nginx-1" never collides with the second run of "nginx".
    expect(containerName(NODE, ref, 'nginx-1', 0)).not.toBe(containerName(NODE, ref, 'nginx', 1));
  });

  it('produces names Docker accepts, even from odd input', () => {
    for (const n of [sandboxName(NODE, { ...ref, name: 'a.b.c' }), containerName(NODE, { ...ref, name: 'we ird/x' }, 'c', 2)]) {
      expect(n).toMatch(DOCKER_NAME);
    }
  });
});
