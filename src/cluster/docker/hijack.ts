// A hijacked exec or attach connection, split into what a caller needs: the
// process's stdout and stderr as separate readables (demultiplexed when there
// is no TTY), stdin as a writable with half-close, and the end of the session.
import type { Socket } from 'node:net';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { Demuxer } from './demux';

export interface HijackedStream {
  readonly stdout: Readable;
  /** Null with a TTY: Docker sends everything on one stream then. */
  readonly stderr: Readable | null;
  /** `end()` closes the process's stdin and keeps the output flowing. */
  readonly stdin: Writable;
  /** Resolves when Docker closed the connection (the process's output is complete). */
  readonly done: Promise<void>;
  /** Drops the connection; the process keeps running (as a detached docker CLI). */
  destroy(): void;
}

export function splitHijacked(socket: Socket, head: Buffer, tty: boolean): HijackedStream {
  const stdout = new PassThrough();
  const stderr = tty ? null : new PassThrough();
  // Pause the socket while a consumer is slow, so Docker stops reading the process's output.
  const write = (target: PassThrough, chunk: Buffer) => {
    if (!target.write(chunk)) {
      socket.pause();
      target.once('drain', () => socket.resume());
    }
  };
  const demux = tty ? null : new Demuxer((type, payload) => write(type === 'stderr' ? stderr! : stdout, payload));
  const feed = (chunk: Buffer) => (demux ? demux.push(chunk) : write(stdout, chunk));

  const done = new Promise<void>((resolve) => {
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      stdout.end();
      stderr?.end();
      resolve();
    };
    socket.once('end', finish);
    socket.once('close', finish);
    // An error (EPIPE on a late stdin write, a reset) ends the session as well;
    // the caller learns the outcome from inspect.
    socket.on('error', finish);
  });
  if (head.length > 0) feed(head);
  socket.on('data', feed);
  socket.setNoDelay?.(true);

  return {
    stdout,
    stderr,
    stdin: socket,
    done,
    destroy: () => socket.destroy(),
  };
}
