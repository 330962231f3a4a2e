// Joins a client's remote-command session to a Docker exec or attach stream:
// stdin flows in (its end half-closes Docker's side), output flows out with
// flow control, terminal sizes become Docker resizes. Resolves once Docker has
// sent all the output and the client has it queued.
import type { Readable } from 'node:stream';
import type { HijackedStream } from '../docker/hijack';
import { CHANNEL } from './protocol';
import type { TerminalSize } from './resize';
import type { ChannelSession } from './ws-session';

async function pump(from: Readable, session: ChannelSession, channel: typeof CHANNEL.stdout | typeof CHANNEL.stderr, forward: boolean): Promise<void> {
  for await (const chunk of from as AsyncIterable<Buffer>) {
    // A stream the client did not ask for is still drained, or Docker would stall.
    if (!forward) continue;
    if (!session.write(channel, chunk)) await session.drained();
  }
}

export interface BridgeOptions {
  resize?: (size: TerminalSize) => Promise<void>;
  onError?: (err: unknown) => void;
}

export async function bridge(session: ChannelSession, docker: HijackedStream, options: BridgeOptions = {}): Promise<void> {
  const { stdin, stdout, stderr } = session.options;
  if (stdin) {
    session.stdin.pipe(docker.stdin, { end: true });
  } else {
    // Nothing will come; the process must not wait for input that never arrives.
    docker.stdin.end();
  }
  if (options.resize) {
    const resize = options.resize;
    session.onResize((size) => void resize(size).catch((err) => options.onError?.(err)));
  }
  // The client left: drop Docker's connection, which closes the process's stdin.
  void session.closed.then(() => docker.destroy());

  await Promise.all([
    pump(docker.stdout, session, CHANNEL.stdout, stdout),
    docker.stderr ? pump(docker.stderr, session, CHANNEL.stderr, stderr) : Promise.resolve(),
    docker.done,
  ]);
  session.stdin.unpipe(docker.stdin);
}
