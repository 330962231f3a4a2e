// Progress of long operations on a terminal: one line rewritten in place on a
// TTY, plain lines (only step changes and milestones) elsewhere, e.g. in CI logs.
import type { ProgressEvent, ProgressSink } from '../../shared/engine';

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr, verbose = Boolean(process.env.KUBELAB_VERBOSE)): ProgressSink & { end(): void } {
  const tty = stream.isTTY && !verbose;
  let lastStep: string | undefined;
  let lastLine = 0;
  const width = () => Math.max(20, (stream.columns ?? 80) - 1);
  const format = (e: ProgressEvent) => {
    const pct = e.fraction !== undefined ? `${Math.round(e.fraction * 100).toString().padStart(3)}% ` : '';
    return `${pct}${e.step ? `[${e.step}] ` : ''}${e.message}`;
  };
  const sink = (e: ProgressEvent) => {
    const line = format(e);
    if (tty) {
      stream.write(`\r\x1b[K${line.slice(0, width())}`);
      if (e.done || e.error) stream.write('\n');
      return;
    }
    const now = Date.now();
    if (verbose || e.step !== lastStep || e.done || e.error || now - lastLine > 5000) {
      stream.write(`${line}\n`);
      lastLine = now;
    }
    lastStep = e.step;
  };
  return Object.assign(sink, {
    end() {
      if (tty) stream.write('\r\x1b[K');
    },
  });
}
