// What the lab engine reports about the machine and the lab: shared by the
// CLI, the desktop app and the browser UI. Types only.

export type DockerState = 'ok' | 'missing' | 'stopped' | 'permission' | 'too-old' | 'unreachable';

export interface DockerCheck {
  state: DockerState;
  /** Where the engine was looked for (DOCKER_HOST, context, socket). */
  endpoint: string;
  version?: string;
  apiVersion?: string;
  /** One sentence saying what is wrong (English; the UI translates by `state`). */
  message: string;
  /** Commands or steps that fix it, most likely first. */
  fixes: string[];
}

export type ImageSource = 'present' | 'loaded' | 'built';

export interface ImageStatus {
  tag: string;
  present: boolean;
  sizeBytes?: number;
  created?: string;
  /** Other KubeLab images (older recipes) still in Docker. */
  stale: string[];
}

export type HostState = 'missing' | 'created' | 'running' | 'stopped' | 'restarting';

export interface HostStatus {
  name: string;
  container: string;
  ip: string;
  state: HostState;
  /** Set when the host answers a command. */
  ready: boolean;
}

export type LabState = 'absent' | 'partial' | 'stopped' | 'running';

export interface LabStatus {
  lab: string;
  state: LabState;
  image: string;
  hosts: HostStatus[];
  apiServer?: string;
  /** What the control plane says, when it answers. */
  cluster?: { nodesReady: number; nodes: number; systemPodsRunning: number; systemPods: number };
}

export interface ProgressEvent {
  /** Which long operation: image build, lab up, ... */
  task: string;
  /** A step within the task (e.g. a host name, an image layer). */
  step?: string;
  message: string;
  /** 0..1 when known. */
  fraction?: number;
  done?: boolean;
  error?: string;
}

export type ProgressSink = (event: ProgressEvent) => void;
