// Flow control between a terminal's process and the renderer (after VS Code's
// terminalProcess and xterm.js's flow-control guide): the engine counts what it
// sent and the renderer acknowledges what it has drawn; above the high
// watermark the process is paused, and it resumes once the renderer has caught
// up to the low watermark. So `yes` cannot flood the UI, and Ctrl-C typed after
// it reaches the shell while at most HIGH_WATERMARK characters are still queued.
// Pure: it only says when to pause and resume.
import { TERMINAL_ACK_CHARS } from '../../shared/api';

/** Characters sent but not yet drawn before the process is paused (~a few screens' worth of work for xterm). */
export const HIGH_WATERMARK = 100_000;
/**
 * Resume once the renderer is this close to caught up, so the pipe never runs dry
 * while it draws. Equal to the renderer's acknowledgement step: what the renderer
 * still holds unacknowledged is always below it, so a paused terminal resumes.
 */
export const LOW_WATERMARK = TERMINAL_ACK_CHARS;

export class FlowControl {
  private unacked = 0;
  private paused = false;

  constructor(
    private readonly high = HIGH_WATERMARK,
    private readonly low = LOW_WATERMARK,
  ) {}

  /** Output of `chars` was sent; true when the process must pause now. */
  sent(chars: number): boolean {
    this.unacked += chars;
    if (!this.paused && this.unacked > this.high) {
      this.paused = true;
      return true;
    }
    return false;
  }

  /** The renderer drew `chars`; true when the process may resume now. */
  acked(chars: number): boolean {
    this.unacked = Math.max(0, this.unacked - chars);
    if (this.paused && this.unacked < this.low) {
      this.paused = false;
      return true;
    }
    return false;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get pending(): number {
    return this.unacked;
  }
}
