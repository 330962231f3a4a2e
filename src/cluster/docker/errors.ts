// A failed Docker Engine API call: the HTTP status and Docker's own message, so
// callers can branch on 404/409/304 and show the learner what Docker said.

export class DockerError extends Error {
  override readonly name = 'DockerError';

  constructor(
    readonly statusCode: number,
    /** Docker's `message`, e.g. `No such container: kubelab-node1-web-1a2b3c4d`. */
    readonly dockerMessage: string,
    readonly method: string,
    readonly path: string,
  ) {
    super(dockerMessage || `Docker answered ${statusCode} to ${method} ${path}`);
  }

  /** As the docker CLI prints it, which is also how cri-dockerd surfaces it to the kubelet. */
  get cliMessage(): string {
    return `Error response from daemon: ${this.message}`;
  }
}

export function isDockerError(err: unknown, statusCode?: number): err is DockerError {
  return err instanceof DockerError && (statusCode === undefined || err.statusCode === statusCode);
}

/** Docker's error bodies are `{"message": "..."}`; anything else is kept as text. */
export function dockerMessageOf(body: string): string {
  const text = body.trim();
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: fall through
  }
  return text;
}
