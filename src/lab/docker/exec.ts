// Running commands in containers through the Engine API (docker exec).
import type Docker from 'dockerode';
import { PassThrough } from 'node:stream';

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  stdin?: NodeJS.ReadableStream | string;
  env?: string[];
  user?: string;
  workingDir?: string;
  /** Stream output as it comes instead of (as well as) collecting it. */
  onStdout?: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  timeoutMs?: number;
}

/** Runs `cmd` in the container and collects its output and exit code. */
export async function execIn(docker: Docker, container: string, cmd: string[], options: ExecOptions = {}): Promise<ExecResult> {
  const exec = await docker.getContainer(container).exec({
    Cmd: cmd,
    AttachStdout: true,
    AttachStderr: true,
    AttachStdin: options.stdin !== undefined,
    Env: options.env,
    User: options.user,
    WorkingDir: options.workingDir,
    Tty: false,
  });
  const stream = await exec.start({ hijack: true, stdin: options.stdin !== undefined });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c: Buffer) => {
    out.push(c);
    options.onStdout?.(c);
  });
  stderr.on('data', (c: Buffer) => {
    err.push(c);
    options.onStderr?.(c);
  });
  docker.modem.demuxStream(stream, stdout, stderr);
  if (typeof options.stdin === 'string') stream.end(options.stdin);
  else if (options.stdin) options.stdin.pipe(stream);
  await new Promise<void>((resolve, reject) => {
    const timer = options.timeoutMs
      ? setTimeout(() => {
          stream.destroy();
          reject(new Error(`${cmd.join(' ')} in ${container}: no answer within ${options.timeoutMs} ms`));
        }, options.timeoutMs)
      : undefined;
    stream.on('end', () => {
      clearTimeout(timer);
      resolve();
    });
    stream.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
    stream.on('error', (e: Error) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  const info = await exec.inspect();
  return { exitCode: info.ExitCode ?? 0, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}
