// The renderer's half of terminal flow control: count what xterm has finished
// drawing and acknowledge it in steps (TERMINAL_ACK_CHARS), so a flood of
// output costs one small message per step, not one per chunk. Pure.
import { TERMINAL_ACK_CHARS } from '../../shared/api';

export class AckCounter {
  private drawn = 0;

  constructor(private readonly step = TERMINAL_ACK_CHARS) {}

  /** Characters drawn; returns how many to acknowledge now (0 for not yet). */
  drew(chars: number): number {
    this.drawn += chars;
    if (this.drawn < this.step) return 0;
    const n = this.drawn;
    this.drawn = 0;
    return n;
  }
}
