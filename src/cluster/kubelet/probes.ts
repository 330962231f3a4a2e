// Readiness probes, run by the kubelet from the node (which reaches every pod
// address directly): httpGet, tcpSocket and exec, with the probe's timing and
// thresholds. A container without a readiness probe is ready once it runs.
import http from 'node:http';
import net from 'node:net';
import type { Container, Probe } from '../api/types';

export type ProbeRunner = (probe: Probe, container: Container, podIP: string) => Promise<boolean>;

function port(value: number | string, container: Container): number {
  if (typeof value === 'number') return value;
  const named = container.ports?.find((p) => p.name === value)?.containerPort;
  return named ?? Number(value);
}

export const networkProbe: ProbeRunner = (probe, container, podIP) => {
  const timeout = (probe.timeoutSeconds ?? 1) * 1000;
  if (probe.httpGet) {
    const get = probe.httpGet;
    return new Promise((resolve) => {
      const req = http.get({ host: get.host || podIP, port: port(get.port, container), path: get.path ?? '/', timeout, headers: { 'user-agent': 'kube-probe/1.35' } }, (res) => {
        res.resume();
        const code = res.statusCode ?? 0;
        resolve(code >= 200 && code < 400);
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(false));
    });
  }
  if (probe.tcpSocket) {
    const tcp = probe.tcpSocket;
    return new Promise((resolve) => {
      const socket = net.connect({ host: tcp.host || podIP, port: port(tcp.port, container), timeout });
      socket.on('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('timeout', () => {
        socket.destroy();
        resolve(false);
      });
      socket.on('error', () => resolve(false));
    });
  }
  return Promise.resolve(true);
};

interface ProbeState {
  timer?: NodeJS.Timeout;
  ready: boolean;
  successes: number;
  failures: number;
}

/** Keeps one readiness prober per running container; `changed` is called when a result flips. */
export class ReadinessProber {
  private readonly states = new Map<string, ProbeState>();

  constructor(
    private readonly run: ProbeRunner,
    private readonly changed: (podKey: string) => void,
  ) {}

  /** Starts probing a container (keyed by its Docker ID) unless already probing it. */
  ensure(podKey: string, containerID: string, container: Container, podIP: string, exec?: (command: string[]) => Promise<boolean>): void {
    if (this.states.has(containerID)) return;
    const probe = container.readinessProbe;
    const state: ProbeState = { ready: !probe, successes: 0, failures: 0 };
    this.states.set(containerID, state);
    if (!probe) return;
    const period = (probe.periodSeconds ?? 10) * 1000;
    const tick = async () => {
      const ok = probe.exec?.command ? await (exec ? exec(probe.exec.command) : Promise.resolve(false)) : await this.run(probe, container, podIP);
      if (!this.states.has(containerID)) return;
      const before = state.ready;
      if (ok) {
        state.successes++;
        state.failures = 0;
        if (state.successes >= (probe.successThreshold ?? 1)) state.ready = true;
      } else {
        state.failures++;
        state.successes = 0;
        if (state.failures >= (probe.failureThreshold ?? 3)) state.ready = false;
      }
      if (state.ready !== before) this.changed(podKey);
      state.timer = setTimeout(() => void tick(), period);
    };
    state.timer = setTimeout(() => void tick(), (probe.initialDelaySeconds ?? 0) * 1000);
  }

  ready(containerID: string): boolean {
    return this.states.get(containerID)?.ready ?? false;
  }

  /** Forgets containers that are no longer running. */
  retain(live: Set<string>): void {
    for (const [id, state] of this.states) {
      if (live.has(id)) continue;
      if (state.timer) clearTimeout(state.timer);
      this.states.delete(id);
    }
  }
}
