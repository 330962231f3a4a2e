// What a terminal session needs from the program behind it: node-pty running
// the docker CLI, or the Engine API's own TTY exec when there is no CLI.

export interface TerminalProcess {
  onData(listener: (chunk: Buffer) => void): void;
  /** Once, when the program has ended; null when the code is unknown. */
  onExit(listener: (code: number | null) => void): void;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  pause(): void;
  resume(): void;
  kill(): void;
}

export interface SpawnRequest {
  container: string;
  cmd: string[];
  /** Where the shell starts (a host's shell starts in root's home, where the lesson's files are). */
  workdir?: string;
  /** The user the shell runs as (a pod's exec user); the container's own when absent. */
  user?: string;
  cols: number;
  rows: number;
}

/** A login shell: bash where the image has it (every KubeLab host), sh elsewhere (a pod from another image). */
export const LOGIN_SHELL = ['/bin/sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash -l; else exec sh -l; fi'];
