// The terminals of one client (a window or a browser tab): opens a session on
// a host or a pod, routes input, resizes and acknowledgements to it, explains
// why it ended, and closes them all when the client goes away.
import type Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import type { TerminalExit, TerminalOpened, TerminalSize, TerminalTarget } from '../../shared/api';
import { findDockerCli } from './docker-cli';
import { execIn } from '../docker/exec';
import { engineExec } from './engine-exec';
import { exitReason, type ContainerNow } from './exit-reason';
import { findPodContainer } from './pod-container';
import { LOGIN_SHELL, type SpawnRequest, type TerminalProcess } from './process';
import { ptyExec } from './pty-exec';
import { TerminalSession, type SessionSink } from './session';

/** How long a non-zero exit waits for Docker to report a stop or a restart. */
const SETTLE_MS = 3000;
const SETTLE_STEP_MS = 200;

interface Resolved {
  container: string;
  cmd: string[];
  workdir?: string;
  user?: string;
  title: string;
}

/**
 * Where a terminal's shell notes its PID inside the container. Killing the
 * docker CLI (or dropping the Engine API's stream) does not end what `docker
 * exec` started, so closing a terminal hangs up its session there, as closing
 * a real terminal does: SIGHUP to the shell's session (jobs included).
 */
const pidFile = (id: string) => `/tmp/.kubelab-terminal-${id}`;

/** Runs `cmd` after noting the shell's PID; `exec` keeps the PID, so it is the shell's. */
export function withPidFile(id: string, cmd: string[]): string[] {
  return ['/bin/sh', '-c', `echo $$ > ${pidFile(id)} 2>/dev/null; exec "$@"`, 'sh', ...cmd];
}

/** Hangs up the shell's session; after the shell ended by itself only the note goes (its PID may be reused). */
export function hangUpCommand(id: string, kill: boolean): string[] {
  const f = pidFile(id);
  if (!kill) return ['rm', '-f', f];
  return ['/bin/sh', '-c', `p=$(cat ${f} 2>/dev/null) && { pkill -HUP -s "$p" 2>/dev/null || kill -HUP "$p" 2>/dev/null; }; rm -f ${f}; true`];
}

export class TerminalManager {
  private readonly sessions = new Map<string, { session: TerminalSession; hangUp(kill?: boolean): Promise<void> }>();
  private readonly hangingUp = new Set<Promise<void>>();

  constructor(
    private readonly docker: Docker,
    private readonly lab: string,
    private readonly sink: SessionSink,
    private readonly dockerCli: string | undefined = findDockerCli(),
  ) {}

  private async resolve(target: TerminalTarget): Promise<Resolved> {
    if (target.kind === 'host') return { container: `${this.lab}-${target.host}`, cmd: ['bash', '-l'], workdir: '/root', title: target.host };
    const title = `${target.namespace}/${target.pod}`;
    const listed = await this.docker.listContainers({ all: true, filters: JSON.stringify({ label: [`io.kubelab.lab=${this.lab}`, 'io.kubelab.role=pod'] }) });
    const found = findPodContainer(
      listed.map((c) => ({ name: (c.Names[0] ?? '').replace(/^\//, ''), state: c.State, labels: c.Labels })),
      target.namespace,
      target.pod,
    );
    if (found) return { container: found.container, user: found.user, cmd: LOGIN_SHELL, title };
    // No container of ours carries the pod's labels: go through the API server, as a learner would.
    return {
      container: `${this.lab}-master`,
      cmd: ['kubectl', 'exec', '-it', '-n', target.namespace, target.pod, '--', ...LOGIN_SHELL],
      title,
    };
  }

  private async spawn(req: SpawnRequest): Promise<TerminalProcess> {
    if (this.dockerCli) return ptyExec(this.dockerCli, req);
    return engineExec(this.docker, req);
  }

  async open(target: TerminalTarget, size: TerminalSize): Promise<TerminalOpened> {
    const r = await this.resolve(target);
    let startedAt: string;
    try {
      const info = await this.docker.getContainer(r.container).inspect();
      if (!info.State.Running) throw new Error(`${r.title} is not running (${info.State.Status}): start the lab first`);
      startedAt = info.State.StartedAt;
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) throw new Error(`${r.title} does not exist: start the lab first`);
      throw err;
    }
    const id = `t${randomBytes(6).toString('hex')}`;
    const opened = Date.now();
    const proc = await this.spawn({ container: r.container, cmd: withPidFile(id, r.cmd), workdir: r.workdir, user: r.user, cols: size.cols, rows: size.rows });
    const hangUp = async (kill = true) => {
      await execIn(this.docker, r.container, hangUpCommand(id, kill), { user: r.user, timeoutMs: 5000 }).catch(() => {});
    };
    const inspect = async (): Promise<ContainerNow | undefined> => {
      try {
        const info = await this.docker.getContainer(r.container).inspect();
        return { running: info.State.Running, startedAt: info.State.StartedAt };
      } catch {
        return undefined;
      }
    };
    const explain = async (code: number | null): Promise<Omit<TerminalExit, 'id'>> => {
      if (this.sessions.delete(id)) this.track(hangUp(false));
      const lived = Date.now() - opened;
      let now = await inspect();
      // A stopping container kills its execs before Docker reports it stopped:
      // unless the shell ended cleanly, watch a moment longer for the host's change.
      // A restarting one is briefly not running at all: wait for it to come back, or not.
      const unsettled = () => (now?.running && now.startedAt === startedAt ? code !== 0 : now !== undefined && !now.running);
      for (let waited = 0; waited < SETTLE_MS && unsettled(); waited += SETTLE_STEP_MS) {
        await new Promise((resolve) => setTimeout(resolve, SETTLE_STEP_MS));
        now = await inspect();
      }
      return exitReason(r.title, code, startedAt, now, lived);
    };
    this.sessions.set(id, { session: new TerminalSession(id, proc, this.sink, explain), hangUp });
    return { id, title: r.title };
  }

  write(id: string, data: string): void {
    this.sessions.get(id)?.session.write(data);
  }

  resize(id: string, size: TerminalSize): void {
    this.sessions.get(id)?.session.resize(size.cols, size.rows);
  }

  ack(id: string, chars: number): void {
    this.sessions.get(id)?.session.ack(chars);
  }

  close(id: string): void {
    const s = this.sessions.get(id);
    if (!s) return;
    this.sessions.delete(id);
    s.session.close();
    this.track(s.hangUp());
  }

  closeAll(): void {
    for (const id of [...this.sessions.keys()]) this.close(id);
  }

  /** Resolves when every closed terminal's shell has been hung up (for a clean exit of the process). */
  async settled(): Promise<void> {
    await Promise.all([...this.hangingUp]);
  }

  private track(p: Promise<void>): void {
    this.hangingUp.add(p);
    void p.finally(() => this.hangingUp.delete(p));
  }
}
