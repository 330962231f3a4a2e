// Docker's JSON progress streams (pull, build, import, load): one callback per
// message, errors in the stream turned into a rejected promise.
import type Docker from 'dockerode';

export interface StreamMessage {
  stream?: string;
  status?: string;
  progress?: string;
  id?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string };
}

export function followStream(docker: Docker, stream: NodeJS.ReadableStream, onMessage: (m: StreamMessage) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      (stream as NodeJS.ReadableStream & { destroy?: (e?: Error) => void }).destroy?.();
      reject(new Error('cancelled'));
    };
    if (signal?.aborted) return abort();
    signal?.addEventListener('abort', abort, { once: true });
    docker.modem.followProgress(
      stream,
      (err: Error | null, output: StreamMessage[]) => {
        signal?.removeEventListener('abort', abort);
        if (err) return reject(err);
        const failed = output.find((m) => m.error);
        if (failed) return reject(new Error(failed.errorDetail?.message ?? failed.error));
        resolve();
      },
      (m: StreamMessage) => onMessage(m),
    );
  });
}
