// `kubectl exec` on the kubelet's side: a Docker exec in the container, bridged
// to the client's session, ending with the command's exit status as a
// metav1.Status (the kubelet's ServeExec).
import { text } from 'node:stream/consumers';
import type { DockerClient } from '../docker/client';
import { isDockerError } from '../docker/errors';
import type { HijackedStream } from '../docker/hijack';
import { bridge } from './bridge';
import { exitCodeStatus, internalErrorStatus, successStatus } from './status';
import type { ContainerTarget } from './target';
import type { ChannelSession } from './ws-session';

/**
 * Docker's default detach keys (ctrl-p ctrl-q) would swallow ctrl-p — bash's
 * "previous history" — in every TTY session. A NUL three times in a row is
 * nothing anyone types.
 */
export const DETACH_KEYS = 'ctrl-@,ctrl-@,ctrl-@';

/**
 * How long to hold the output back while Docker reports whether the process
 * started (normally some tens of milliseconds).
 */
const START_CHECK_MS = 2000;

function errorText(err: unknown): string {
  return isDockerError(err) ? err.message : err instanceof Error ? err.message : String(err);
}

async function readAll(stream: HijackedStream): Promise<string> {
  const [out, err] = await Promise.all([text(stream.stdout), stream.stderr ? text(stream.stderr) : '']);
  return `${out}${err}`.trim();
}

/**
 * Whether the process could not start. Docker says Running from the moment
 * the exec starts, but gives it a PID only once the process exists; an exit
 * code without a PID means the runtime failed to start it, and its only
 * output is the runtime's error, which the kubelet reports as an internal error.
 */
async function failedToStart(docker: DockerClient, execId: string): Promise<boolean> {
  const deadline = Date.now() + START_CHECK_MS;
  for (;;) {
    const info = await docker.inspectExec(execId);
    if ((info.Pid ?? 0) > 0) return false;
    if (info.ExitCode !== null) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function runExec(session: ChannelSession, docker: DockerClient, target: ContainerTarget, command: string[], onError?: (err: unknown) => void): Promise<void> {
  const { stdin, stdout, stderr, tty } = session.options;
  let execId: string;
  let stream: HijackedStream;
  try {
    execId = await docker.createExec(target.id, {
      Cmd: command,
      AttachStdin: stdin,
      AttachStdout: stdout,
      AttachStderr: stderr,
      Tty: tty,
      User: target.execUser,
      DetachKeys: DETACH_KEYS,
    });
    stream = await docker.startExec(execId, tty);
  } catch (err) {
    session.finish(internalErrorStatus(`error executing command in container: ${errorText(err)}`));
    return;
  }
  try {
    if (await failedToStart(docker, execId)) {
      const why = await readAll(stream);
      session.finish(internalErrorStatus(`error executing command in container: failed to exec in container: failed to start exec "${execId}": ${why}`));
      return;
    }
    await bridge(session, stream, { resize: (size) => resizeWithRetry(docker, execId, size.width, size.height), onError });
    if (!session.isOpen) return;
    const code = await docker.execExitCode(execId);
    session.finish(code === 0 ? successStatus() : exitCodeStatus(command, code));
  } catch (err) {
    stream.destroy();
    session.finish(internalErrorStatus(`error executing command in container: ${errorText(err)}`));
  }
}

/** The first resize can arrive before Docker has the process's TTY; the docker CLI retries too. */
async function resizeWithRetry(docker: DockerClient, execId: string, width: number, height: number): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await docker.resizeExec(execId, width, height);
      return;
    } catch (err) {
      if (attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
    }
  }
}
