// One terminal: a program's bytes decoded without splitting characters,
// batched, sent to the renderer under flow control; input and resizes passed
// through. When the program ends, trailing output is flushed before the exit.
import type { TerminalExit } from '../../shared/api';
import { OutputBatcher, type Clock, realClock } from './batch';
import { FlowControl } from './flow';
import type { TerminalProcess } from './process';
import { Utf8Splitter } from './utf8';

export interface SessionSink {
  data(id: string, data: string): void;
  exit(e: TerminalExit): void;
}

/** Decides why the program ended (the host stopped or restarted, or the shell exited). */
export type ExitExplainer = (code: number | null) => Promise<Omit<TerminalExit, 'id'>>;

export class TerminalSession {
  private readonly decoder = new Utf8Splitter();
  private readonly flow = new FlowControl();
  private readonly batcher: OutputBatcher;
  private ended = false;

  constructor(
    readonly id: string,
    private readonly proc: TerminalProcess,
    sink: SessionSink,
    explain: ExitExplainer,
    clock: Clock = realClock,
  ) {
    this.batcher = new OutputBatcher((data) => {
      sink.data(id, data);
      if (this.flow.sent(data.length)) proc.pause();
    }, clock);
    proc.onData((chunk) => this.batcher.push(this.decoder.write(chunk)));
    proc.onExit((code) => {
      this.batcher.push(this.decoder.end());
      this.batcher.flush();
      this.ended = true;
      explain(code).then(
        (e) => sink.exit({ id, ...e }),
        () => sink.exit({ id, code, reason: 'exited' }),
      );
    });
  }

  write(data: string): void {
    if (!this.ended) this.proc.write(data);
  }

  resize(cols: number, rows: number): void {
    if (!this.ended) this.proc.resize(cols, rows);
  }

  ack(chars: number): void {
    if (this.flow.acked(chars) && !this.ended) this.proc.resume();
  }

  get paused(): boolean {
    return this.flow.isPaused;
  }

  close(): void {
    this.batcher.flush();
    if (!this.ended) this.proc.kill();
    this.ended = true;
  }
}
