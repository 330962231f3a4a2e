// `docker exec -it CONTAINER CMD` under node-pty: the docker CLI handles the
// TTY, window size changes (SIGWINCH) and the engine's protocol; pausing the
// pty stops reading from the CLI, whose blocked output stops the container's
// program in turn, so back-pressure reaches the shell.
import { spawn } from 'node-pty';
import { childEnv } from './env';
import type { SpawnRequest, TerminalProcess } from './process';

export function ptyExec(dockerCli: string, req: SpawnRequest): TerminalProcess {
  const args = ['exec', '-it', '-e', 'TERM=xterm-256color', '-e', 'COLORTERM=truecolor', ...(req.workdir ? ['-w', req.workdir] : []), ...(req.user ? ['-u', req.user] : []), req.container, ...req.cmd];
  const pty = spawn(dockerCli, args, {
    name: 'xterm-256color',
    cols: req.cols,
    rows: req.rows,
    env: childEnv(process.env),
    // Bytes, not strings: the session decodes them without splitting characters.
    encoding: null,
  });
  return {
    onData: (listener) => void pty.onData((d: string | Buffer) => listener(typeof d === 'string' ? Buffer.from(d) : d)),
    onExit: (listener) => void pty.onExit(({ exitCode }) => listener(exitCode)),
    write: (data) => pty.write(data),
    resize: (cols, rows) => {
      try {
        pty.resize(cols, rows);
      } catch {
        // the pty is already gone; its exit event follows
      }
    },
    pause: () => pty.pause(),
    resume: () => pty.resume(),
    kill: () => {
      try {
        pty.kill();
      } catch {
        // already exited
      }
    },
  };
}
