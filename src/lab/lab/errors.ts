// Errors the engine explains to the learner: each says what is wrong and what to do.

export class LabError extends Error {
  constructor(
    message: string,
    readonly code: 'image-missing' | 'subnet-taken' | 'port-taken' | 'name-taken' | 'not-created' | 'not-running' | 'timeout' | 'bundle-missing',
  ) {
    super(message);
  }
}

/** Maps what Docker said while creating or starting lab objects to a LabError, when we know the cause. */
export function explainDockerError(err: unknown, context: { subnet?: string; port?: number; name?: string }): Error {
  const text = err instanceof Error ? err.message : String(err);
  // Docker 20.10 says "failed to allocate gateway (…): Address already in use" when another network holds the subnet.
  if (/Pool overlaps|overlaps with other one|conflicts with network|failed to allocate gateway/i.test(text) && context.subnet) {
    return new LabError(
      `The lab needs the subnet ${context.subnet}, but another Docker network already uses an overlapping one. ` +
        'Find it with `docker network ls` and `docker network inspect`, remove it (`docker network rm NAME`), then run `kubelab up` again.',
      'subnet-taken',
    );
  }
  if (/port is already allocated|address already in use|bind: /i.test(text) && context.port) {
    return new LabError(
      `Port ${context.port} on 127.0.0.1 is taken by another program, so the API server cannot be published there. ` +
        `Free it, or choose another port: KUBELAB_API_PORT=16444 kubelab up`,
      'port-taken',
    );
  }
  if (/already in use by container|Conflict\. The container name/i.test(text) && context.name) {
    return new LabError(
      `A container named ${context.name} exists but was not made by KubeLab (it has no KubeLab label). Rename or remove it (\`docker rm -f ${context.name}\`), then run \`kubelab up\` again.`,
      'name-taken',
    );
  }
  return err instanceof Error ? err : new Error(text);
}
