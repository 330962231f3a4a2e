// The server end of one remote-command WebSocket: demultiplexes the client's
// frames into stdin and terminal sizes, multiplexes output onto stdout and
// stderr with flow control, and ends with the status on the error channel.
import { PassThrough } from 'node:stream';
import type { WebSocket } from 'ws';
import { CHANNEL, TRAITS, decodeFrame, encodeFrame, type Protocol } from './protocol';
import { ResizeDecoder, type TerminalSize } from './resize';
import type { StreamOptions } from './request';
import { v1StatusText } from './status';

/** Output waiting in the socket beyond this pauses the process's output. */
const HIGH_WATER = 1 << 20;

export class ChannelSession {
  readonly stdin = new PassThrough();
  private readonly traits;
  private resizeListener: ((size: TerminalSize) => void) | null = null;
  private readonly pendingSizes: TerminalSize[] = [];
  private readonly resize = new ResizeDecoder((size) => (this.resizeListener ? this.resizeListener(size) : this.pendingSizes.push(size)));
  private unsent = 0;
  private drainWaiters: (() => void)[] = [];
  private finished = false;
  /** Resolves when the WebSocket is closed, by either side. */
  readonly closed: Promise<void>;

  constructor(
    private readonly ws: WebSocket,
    readonly protocol: Protocol,
    readonly options: StreamOptions,
  ) {
    this.traits = TRAITS[protocol];
    this.closed = new Promise((resolve) => ws.once('close', () => resolve()));
    ws.on('message', (data, isBinary) => this.receive(isBinary || !this.traits.base64 ? toBuffer(data) : toBuffer(data).toString('utf8')));
    // The client went away: whoever reads stdin sees its end.
    void this.closed.then(() => {
      this.stdin.end();
      this.releaseDrainWaiters();
    });
    ws.on('error', () => undefined);
    // Tell the client the streams are ready: an empty frame on the lowest writable channel.
    this.sendRaw(options.stdout ? CHANNEL.stdout : options.stderr ? CHANNEL.stderr : CHANNEL.error, Buffer.alloc(0));
  }

  private receive(message: Buffer | string): void {
    const frame = decodeFrame(message, this.traits.base64);
    if (!frame) return;
    switch (frame.channel) {
      case CHANNEL.stdin:
        if (this.options.stdin && !this.stdin.writableEnded) this.stdin.write(frame.data);
        break;
      case CHANNEL.resize:
        this.resize.push(frame.data);
        break;
      case CHANNEL.close:
        // v5: the client has no more data for the stream named in the payload (before v5,
        // 255 is just a channel nobody reads). wsstream ends the whole connection when the
        // signal is not exactly one byte naming one of the five channels.
        if (!this.traits.closeSignal) break;
        if (frame.data.length !== 1 || frame.data[0]! > CHANNEL.resize) {
          this.ws.close(1000);
          break;
        }
        if (frame.data[0] === CHANNEL.stdin) this.stdin.end();
        break;
      default:
        // Frames for channels a client may not write are ignored, as wsstream does.
        break;
    }
  }

  onResize(listener: (size: TerminalSize) => void): void {
    this.resizeListener = listener;
    for (const size of this.pendingSizes.splice(0)) listener(size);
  }

  get isOpen(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  private sendRaw(channel: number, data: Buffer): void {
    if (!this.isOpen) return;
    const frame = encodeFrame(channel, data, this.traits.base64);
    const size = typeof frame === 'string' ? frame.length : frame.length;
    this.unsent += size;
    this.ws.send(frame, { binary: !this.traits.base64 }, () => {
      this.unsent -= size;
      if (this.unsent < HIGH_WATER / 2) this.releaseDrainWaiters();
    });
  }

  private releaseDrainWaiters(): void {
    for (const w of this.drainWaiters.splice(0)) w();
  }

  /** Sends output; false means "wait for drained() before sending more". */
  write(channel: typeof CHANNEL.stdout | typeof CHANNEL.stderr, data: Buffer): boolean {
    if (data.length > 0) this.sendRaw(channel, data);
    return this.unsent < HIGH_WATER || !this.isOpen;
  }

  drained(): Promise<void> {
    if (this.unsent < HIGH_WATER / 2 || !this.isOpen) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Writes the final status (a metav1.Status JSON) and closes the connection normally. */
  finish(statusJSON: string): void {
    if (this.finished) return;
    this.finished = true;
    if (this.isOpen) {
      const payload = this.traits.jsonStatus ? statusJSON : v1StatusText(statusJSON);
      if (payload !== null) this.sendRaw(CHANNEL.error, Buffer.from(payload));
      this.ws.close(1000);
    }
  }
}

function toBuffer(data: unknown): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data as Buffer[]);
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return Buffer.from(String(data));
}
