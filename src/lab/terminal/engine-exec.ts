// The Engine API's TTY exec (POST /exec with Tty, hijacked): for machines whose
// Docker is reached without a docker CLI (a remote DOCKER_HOST, a bare engine).
// Pausing the hijacked socket stops reading, and TCP back-pressure does the rest.
import type Docker from 'dockerode';
import type { Duplex } from 'node:stream';
import type { SpawnRequest, TerminalProcess } from './process';

export async function engineExec(docker: Docker, req: SpawnRequest): Promise<TerminalProcess> {
  const exec = await docker.getContainer(req.container).exec({
    Cmd: req.cmd,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    Env: ['TERM=xterm-256color', 'COLORTERM=truecolor'],
    WorkingDir: req.workdir,
    User: req.user,
  });
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
  await exec.resize({ h: req.rows, w: req.cols }).catch(() => {});
  let exitListener: ((code: number | null) => void) | undefined;
  let ended = false;
  const finish = () => {
    if (ended) return;
    ended = true;
    exec.inspect().then(
      (info) => exitListener?.(info.ExitCode ?? null),
      () => exitListener?.(null),
    );
  };
  stream.on('end', finish);
  stream.on('close', finish);
  stream.on('error', finish);
  return {
    onData: (listener) => void stream.on('data', (c: Buffer) => listener(c)),
    onExit: (listener) => {
      exitListener = listener;
    },
    write: (data) => void stream.write(data),
    resize: (cols, rows) => void exec.resize({ h: rows, w: cols }).catch(() => {}),
    pause: () => void stream.pause(),
    resume: () => void stream.resume(),
    kill: () => stream.destroy(),
  };
}
