// `kubectl attach` (and `kubectl run -it`) on the kubelet's side: Docker's
// attach to the container's own process. The kubelet reports Success whenever
// the attachment ends; the pod's status tells how the process ended.
import type { DockerClient } from '../docker/client';
import { bridge } from './bridge';
import { internalErrorStatus, successStatus } from './status';
import type { ContainerTarget } from './target';
import type { ChannelSession } from './ws-session';
import { DETACH_KEYS } from './exec';

/** After the container stops, output still in flight gets this long to arrive. */
const DRAIN_AFTER_EXIT_MS = 500;

export async function runAttach(session: ChannelSession, docker: DockerClient, target: ContainerTarget, onError?: (err: unknown) => void): Promise<void> {
  const { stdin, stdout, stderr } = session.options;
  try {
    const stream = await docker.attachContainer(target.id, { stdin, stdout, stderr: stderr && !target.tty, tty: target.tty, detachKeys: DETACH_KEYS });
    // Docker keeps an attachment to a stopped container open until it starts
    // again; end it once the container has stopped and its output is through.
    const waiting = new AbortController();
    docker.waitContainer(target.id, 'not-running', waiting.signal).then(
      () => setTimeout(() => stream.destroy(), DRAIN_AFTER_EXIT_MS),
      () => undefined,
    );
    try {
      await bridge(session, stream, { resize: (size) => docker.resizeContainer(target.id, size.width, size.height), onError });
    } finally {
      waiting.abort();
    }
    session.finish(successStatus());
  } catch (err) {
    session.finish(internalErrorStatus(`error attaching to container: ${err instanceof Error ? err.message : String(err)}`));
  }
}
