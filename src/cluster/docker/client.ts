// A small promise-based Docker Engine API client: what the kubelet needs to run
// pods as containers, and nothing else. Errors are DockerErrors carrying the
// HTTP status and Docker's message.
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { Demuxer } from './demux';
import { parseDockerEndpoint, type DockerEndpoint } from './endpoint';
import { DockerError, isDockerError } from './errors';
import { splitHijacked, type HijackedStream } from './hijack';
import { Transport } from './transport';
import type {
  ContainerCreateBody,
  ContainerInspect,
  ContainerSummary,
  DockerEvent,
  ExecCreateBody,
  ExecInspect,
  ImageInspect,
  ImageSummary,
  NetworkCreateBody,
  PullProgress,
  VolumeInspect,
} from './types';

export interface LogOptions {
  follow?: boolean;
  /** Number of lines from the end; undefined for all. */
  tail?: number;
  timestamps?: boolean;
  /** Unix seconds (fractions allowed). */
  since?: number;
  stdout?: boolean;
  stderr?: boolean;
  signal?: AbortSignal;
}

export interface AttachOptions {
  stdin?: boolean;
  stdout?: boolean;
  stderr?: boolean;
  /** Must match the container's own Tty setting. */
  tty: boolean;
  detachKeys?: string;
}

export interface EventsOptions {
  filters?: Record<string, string[]>;
  /** Unix seconds. */
  since?: number;
}

export interface EventStream {
  close(): void;
  /** Resolves when the stream ended (closed by either side). */
  readonly done: Promise<void>;
}

const encode = encodeURIComponent;

export class DockerClient {
  private readonly transport: Transport;

  constructor(endpoint: DockerEndpoint | string = parseDockerEndpoint(process.env.DOCKER_HOST)) {
    this.transport = new Transport(typeof endpoint === 'string' ? parseDockerEndpoint(endpoint) : endpoint);
  }

  /** Resolves when the engine answers; rejects with the connection error otherwise. */
  async ping(): Promise<void> {
    const res = await this.transport.stream({ method: 'GET', path: '/_ping' });
    res.resume();
  }

  version(): Promise<{ Version: string; ApiVersion: string; Os: string; Arch: string }> {
    return this.transport.json({ method: 'GET', path: '/version' });
  }

  // --- containers ----------------------------------------------------------------

  createContainer(name: string, body: ContainerCreateBody): Promise<{ Id: string; Warnings: string[] | null }> {
    return this.transport.json({ method: 'POST', path: '/containers/create', query: { name }, body });
  }

  /** Starting a running container is not an error (Docker answers 304). */
  async startContainer(id: string): Promise<void> {
    try {
      await this.transport.json({ method: 'POST', path: `/containers/${encode(id)}/start` });
    } catch (err) {
      if (!isDockerError(err, 304)) throw err;
    }
  }

  /** The container's stop signal, then SIGKILL after `timeoutSeconds`. Stopping a stopped container is fine. */
  async stopContainer(id: string, timeoutSeconds?: number): Promise<void> {
    try {
      await this.transport.json({ method: 'POST', path: `/containers/${encode(id)}/stop`, query: { t: timeoutSeconds } });
    } catch (err) {
      if (!isDockerError(err, 304)) throw err;
    }
  }

  async killContainer(id: string, signal = 'SIGKILL'): Promise<void> {
    await this.transport.json({ method: 'POST', path: `/containers/${encode(id)}/kill`, query: { signal } });
  }

  /** Removing a container that is already gone is not an error. */
  async removeContainer(id: string, options: { force?: boolean } = {}): Promise<void> {
    try {
      await this.transport.json({ method: 'DELETE', path: `/containers/${encode(id)}`, query: { force: options.force ?? false, v: true } });
    } catch (err) {
      if (!isDockerError(err, 404)) throw err;
    }
  }

  inspectContainer(id: string): Promise<ContainerInspect> {
    return this.transport.json({ method: 'GET', path: `/containers/${encode(id)}/json` });
  }

  /** All containers (running or not) carrying every given label (`key` or `key=value`). */
  listContainers(labels: string[] = [], options: { all?: boolean } = {}): Promise<ContainerSummary[]> {
    const filters = labels.length > 0 ? JSON.stringify({ label: labels }) : undefined;
    return this.transport.json({ method: 'GET', path: '/containers/json', query: { all: options.all ?? true, filters } });
  }

  /** Waits for the container to stop; resolves with its exit code. */
  async waitContainer(id: string, condition: 'not-running' | 'next-exit' = 'not-running', signal?: AbortSignal): Promise<number> {
    const res = await this.transport.json<{ StatusCode: number }>({ method: 'POST', path: `/containers/${encode(id)}/wait`, query: { condition }, signal });
    return res.StatusCode;
  }

  async resizeContainer(id: string, width: number, height: number): Promise<void> {
    await this.transport.json({ method: 'POST', path: `/containers/${encode(id)}/resize`, query: { h: height, w: width } });
  }

  /** A live attachment to the container's own process (its stdio since it started, not its past output). */
  async attachContainer(id: string, options: AttachOptions): Promise<HijackedStream> {
    const { socket, head } = await this.transport.hijack({
      method: 'POST',
      path: `/containers/${encode(id)}/attach`,
      query: {
        stream: true,
        stdin: options.stdin ?? false,
        stdout: options.stdout ?? true,
        stderr: options.stderr ?? true,
        detachKeys: options.detachKeys,
      },
    });
    return splitHijacked(socket, head, options.tty);
  }

  /**
   * The container's log as one byte stream (stdout and stderr interleaved as
   * written, which is how the kubelet serves it). `tty` must be the container's
   * Tty setting: without one Docker multiplexes the log.
   */
  async containerLogs(id: string, tty: boolean, options: LogOptions = {}): Promise<Readable> {
    const res = await this.transport.stream({
      method: 'GET',
      path: `/containers/${encode(id)}/logs`,
      query: {
        stdout: options.stdout ?? true,
        stderr: options.stderr ?? true,
        follow: options.follow ?? false,
        timestamps: options.timestamps ?? false,
        tail: options.tail === undefined ? 'all' : Math.max(0, Math.floor(options.tail)),
        since: options.since,
      },
      signal: options.signal,
    });
    return logBody(res, tty, options.signal);
  }

  // --- exec ------------------------------------------------------------------------

  async createExec(containerId: string, body: ExecCreateBody): Promise<string> {
    const res = await this.transport.json<{ Id: string }>({ method: 'POST', path: `/containers/${encode(containerId)}/exec`, body });
    return res.Id;
  }

  /** Starts the exec on a hijacked connection; `tty` must match the exec's Tty. */
  async startExec(execId: string, tty: boolean): Promise<HijackedStream> {
    const { socket, head } = await this.transport.hijack({ method: 'POST', path: `/exec/${encode(execId)}/start`, body: { Detach: false, Tty: tty } });
    return splitHijacked(socket, head, tty);
  }

  inspectExec(execId: string): Promise<ExecInspect> {
    return this.transport.json({ method: 'GET', path: `/exec/${encode(execId)}/json` });
  }

  async resizeExec(execId: string, width: number, height: number): Promise<void> {
    await this.transport.json({ method: 'POST', path: `/exec/${encode(execId)}/resize`, query: { h: height, w: width } });
  }

  /**
   * The exit code once the exec's process is gone. Docker closes the stream a
   * moment before it records the code, so this polls briefly.
   */
  async execExitCode(execId: string, timeoutMs = 5000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
      const info = await this.inspectExec(execId);
      if (!info.Running && info.ExitCode !== null) return info.ExitCode;
      if (Date.now() > deadline) throw new Error(`exec ${execId} has not finished after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  // --- images, volumes, networks -------------------------------------------------------

  /** The image, or null when Docker does not have it. */
  async inspectImage(ref: string): Promise<ImageInspect | null> {
    try {
      return await this.transport.json<ImageInspect>({ method: 'GET', path: `/images/${encode(ref)}/json` });
    } catch (err) {
      if (isDockerError(err, 404)) return null;
      throw err;
    }
  }

  /**
   * Pulls from a registry. Docker reports most failures inside the progress
   * stream with a 200 status; those become a DockerError(500) as well.
   */
  async pullImage(ref: string, onProgress?: (p: PullProgress) => void): Promise<void> {
    const { name, tag } = splitReference(ref);
    const res = await this.transport.stream({ method: 'POST', path: '/images/create', query: { fromImage: name, tag } });
    let failure: string | undefined;
    await forEachJsonLine<PullProgress>(res, (p) => {
      if (p.error) failure = p.errorDetail?.message ?? p.error;
      onProgress?.(p);
    });
    if (failure !== undefined) throw new DockerError(500, failure, 'POST', '/images/create');
  }

  /** Images whose reference matches, e.g. `kubelab/lab` or `kubelab/lab:*`. */
  listImages(reference?: string): Promise<ImageSummary[]> {
    const filters = reference ? JSON.stringify({ reference: [reference] }) : undefined;
    return this.transport.json({ method: 'GET', path: '/images/json', query: { filters } });
  }

  inspectVolume(name: string): Promise<VolumeInspect> {
    return this.transport.json({ method: 'GET', path: `/volumes/${encode(name)}` });
  }

  async createNetwork(body: NetworkCreateBody): Promise<string> {
    const res = await this.transport.json<{ Id: string }>({ method: 'POST', path: '/networks/create', body });
    return res.Id;
  }

  async removeNetwork(id: string): Promise<void> {
    try {
      await this.transport.json({ method: 'DELETE', path: `/networks/${encode(id)}` });
    } catch (err) {
      if (!isDockerError(err, 404)) throw err;
    }
  }

  // --- events ---------------------------------------------------------------------------

  /** Docker's event stream (container start/die/oom…), one callback per event. */
  async events(options: EventsOptions, onEvent: (e: DockerEvent) => void): Promise<EventStream> {
    const controller = new AbortController();
    const res = await this.transport.stream({
      method: 'GET',
      path: '/events',
      query: { filters: options.filters ? JSON.stringify(options.filters) : undefined, since: options.since },
      signal: controller.signal,
    });
    const done = forEachJsonLine<DockerEvent>(res, onEvent).catch(() => undefined);
    return { close: () => controller.abort(), done };
  }

  /** Closes idle keep-alive connections (lets a test process exit). */
  close(): void {
    this.transport.close();
  }
}

/** `nginx:1.14` → nginx / 1.14; `host:5000/a/b` → latest; a digest stays in the name. */
export function splitReference(ref: string): { name: string; tag: string | undefined } {
  if (ref.includes('@')) return { name: ref, tag: undefined };
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) return { name: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { name: ref, tag: 'latest' };
}

/**
 * The log body as one stream: demultiplexed without a TTY, and ended quietly
 * (not failed) when the caller aborted a follow.
 */
function logBody(res: IncomingMessage, tty: boolean, signal?: AbortSignal): Readable {
  const out = new Readable({ read: () => res.resume() });
  const push = (payload: Buffer) => {
    if (!out.push(payload)) res.pause();
  };
  const demux = tty ? null : new Demuxer((_type, payload) => push(payload));
  res.on('data', (c: Buffer) => (demux ? demux.push(c) : push(c)));
  res.on('end', () => out.push(null));
  res.on('error', (e) => (signal?.aborted ? out.push(null) : out.destroy(e)));
  out.on('close', () => res.destroy());
  return out;
}

async function forEachJsonLine<T>(res: IncomingMessage, each: (value: T) => void): Promise<void> {
  let rest = '';
  res.setEncoding('utf8');
  for await (const chunk of res as AsyncIterable<string>) {
    rest += chunk;
    let nl: number;
    while ((nl = rest.indexOf('\n')) >= 0) {
      const line = rest.slice(0, nl).trim();
      rest = rest.slice(nl + 1);
      if (line) each(JSON.parse(line) as T);
    }
  }
  if (rest.trim()) each(JSON.parse(rest) as T);
}
