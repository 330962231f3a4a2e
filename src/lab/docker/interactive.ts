// An interactive TTY session in a container for the command line: raw mode,
// window size following the terminal, exit code passed back.
import type Docker from 'dockerode';

export async function interactiveExec(docker: Docker, container: string, cmd: string[]): Promise<number> {
  const stdin = process.stdin;
  const stdout = process.stdout;
  const exec = await docker.getContainer(container).exec({
    Cmd: cmd,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    Env: [`TERM=${process.env.TERM ?? 'xterm-256color'}`],
  });
  const stream = await exec.start({ hijack: true, stdin: true, Tty: true });
  const resize = () => {
    if (stdout.columns && stdout.rows) exec.resize({ h: stdout.rows, w: stdout.columns }).catch(() => {});
  };
  const wasRaw = stdin.isTTY ? stdin.isRaw : false;
  if (stdin.isTTY) stdin.setRawMode(true);
  stdin.resume();
  stdin.pipe(stream);
  stream.pipe(stdout);
  stdout.on('resize', resize);
  resize();
  await new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
  });
  stdout.off('resize', resize);
  stdin.unpipe(stream);
  if (stdin.isTTY) stdin.setRawMode(wasRaw);
  stdin.pause();
  const info = await exec.inspect();
  return info.ExitCode ?? 0;
}
