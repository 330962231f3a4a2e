// The one contract between the UI (src/renderer) and the engine (src/lab).
// In Electron the preload exposes it over IPC; in `kubelab serve` it travels
// over a WebSocket. Both transports carry exactly these methods and events,
// one by one: there is no generic "invoke". Types only, plus the list of names
// the transports check against.
import type { DockerCheck, ImageStatus, LabStatus, ProgressEvent } from './engine';

export type { DockerCheck, ImageStatus, LabStatus, ProgressEvent } from './engine';

export type HostName = 'master' | 'node1' | 'node2' | 'station' | 'cloud';
export const HOST_NAMES: readonly HostName[] = ['master', 'node1', 'node2', 'station', 'cloud'];

// --- long tasks -----------------------------------------------------------------

/** A long operation started by the UI; its progress arrives through onProgress. */
export interface TaskHandle {
  taskId: string;
}

/** Progress of one task; the last event of a task has `done` or `error`. */
export interface TaskProgress extends ProgressEvent {
  taskId: string;
}

// --- terminals --------------------------------------------------------------------

export type TerminalTarget = { kind: 'host'; host: HostName } | { kind: 'pod'; namespace: string; pod: string };

export interface TerminalSize {
  cols: number;
  rows: number;
}

export interface TerminalOpened {
  id: string;
  /** e.g. "master" or "default/webui-7d9f-abcde". */
  title: string;
}

export interface TerminalData {
  id: string;
  data: string;
}

/** Why a terminal ended: the UI says so and offers to reconnect. */
export type TerminalEndReason = 'exited' | 'host-stopped' | 'host-restarted' | 'failed';

/**
 * The renderer acknowledges drawn terminal output in steps of at most this many
 * characters. It must not exceed the engine's low watermark, or a paused
 * terminal could wait forever for an acknowledgement the renderer holds back.
 */
export const TERMINAL_ACK_CHARS = 5_000;

export interface TerminalExit {
  id: string;
  code: number | null;
  reason: TerminalEndReason;
  message?: string;
}

// --- the cluster, live from watches -------------------------------------------------

export interface ObjectRef {
  kind: 'Node' | 'Pod' | 'Service' | 'EndpointSlice';
  namespace?: string;
  name: string;
}

export interface HostView {
  name: HostName;
  ip: string;
  state: string;
}

export interface NodeView {
  name: string;
  ip?: string;
  ready: boolean;
  roles: string[];
}

export interface PodView {
  namespace: string;
  name: string;
  node?: string;
  ip?: string;
  /** What `kubectl get pods` prints in STATUS (Running, Pending, ContainerCreating, ...). */
  status: string;
  ready: string;
  restarts: number;
  labels: Record<string, string>;
}

export interface ServicePortView {
  name?: string;
  protocol: string;
  port: number;
  targetPort?: string;
  nodePort?: number;
}

export interface EndpointView {
  ip: string;
  ready: boolean;
  pod?: string;
  node?: string;
  ports: number[];
}

export interface ServiceView {
  namespace: string;
  name: string;
  type: string;
  clusterIP: string;
  /** As `kubectl get svc` prints EXTERNAL-IP: addresses, `<pending>`, the external name, or `<none>`. */
  externalIP: string;
  ports: ServicePortView[];
  selector: Record<string, string>;
  endpoints: EndpointView[];
}

export type ClusterState = 'connecting' | 'live' | 'unavailable';

export interface ClusterView {
  state: ClusterState;
  /** Why the control plane cannot be seen (English; the UI shows its own text by state). */
  message?: string;
  apiServer: string;
  hosts: HostView[];
  nodes: NodeView[];
  pods: PodView[];
  services: ServiceView[];
}

export interface EventView {
  type: string;
  reason: string;
  message: string;
  count: number;
  lastSeen?: string;
  source?: string;
}

export interface ObjectDetails {
  /** The object as the API server returned it (JSON). */
  object: unknown;
  events: EventView[];
}

// --- traffic: kube-proxy's counters ----------------------------------------------------

export interface ServiceRef {
  namespace: string;
  name: string;
}

export interface EndpointCount {
  /** "10.244.1.2:80" as in the DNAT rule. */
  endpoint: string;
  pod?: string;
  /** The SEP chain's DNAT packets (new connections), summed over every node. */
  packets: number;
  byNode: Record<string, number>;
}

export interface RuleStep {
  chain: string;
  /** The chain's rules exactly as `iptables-save -c` prints them. */
  rules: string[];
  /** Index in `rules` of the rule this request took. */
  taken: number;
}

export interface RequestPath {
  node: string;
  endpoint: string;
  pod?: string;
  steps: RuleStep[];
}

export interface TrafficSample {
  service: ServiceRef;
  at: number;
  state: 'live' | 'unavailable';
  message?: string;
  endpoints: EndpointCount[];
  /** The path of the most recent request (the endpoint whose counter last rose). */
  lastRequest?: RequestPath;
}

// --- manifests in master's home directory ------------------------------------------------

export interface ManifestFile {
  name: string;
  size: number;
}

// --- settings, remembered across restarts ----------------------------------------------

export type Language = 'system' | 'ko' | 'en';
export type Theme = 'system' | 'light' | 'dark';
export type ViewName = 'topology' | 'traffic' | 'manifests';
export type TerminalLayout = 'tabs' | 'columns' | 'grid';

export interface Settings {
  language: Language;
  theme: Theme;
  fontSize: number;
  view: ViewName;
  /** Fraction of the width the views take; terminals get the rest. */
  split: number;
  terminalLayout: TerminalLayout;
  lessonOpen: boolean;
  terminals: TerminalTarget[];
  activeTerminal: number;
}

export const DEFAULT_SETTINGS: Settings = {
  language: 'system',
  theme: 'system',
  fontSize: 14,
  view: 'topology',
  split: 0.45,
  terminalLayout: 'tabs',
  lessonOpen: false,
  terminals: [{ kind: 'host', host: 'master' }],
  activeTerminal: 0,
};

export interface AppInfo {
  version: string;
  /** Electron can show a file dialog; a browser cannot reach the engine's files. */
  canChooseFiles: boolean;
  platform: string;
  /** An image tarball that came with the app (offline classroom builds), on the engine's machine. */
  bundledImage?: string;
}

// --- the guided lesson ------------------------------------------------------------------

/** Every piece of lesson text comes in both languages: the panel follows the app's switch without asking again. */
export interface LessonText {
  ko: string;
  en: string;
}

export type LessonSectionKind = 'concept' | 'lab' | 'summary';

export type LessonDiagramKind = 'service-fanout' | 'service-types' | 'nodeport-path' | 'loadbalancer-path' | 'externalname-dns' | 'headless-dns' | 'kube-proxy-chains';

/** One live object a diagram draws, and the part it plays. */
export interface LessonDiagramObject {
  kind: 'Service' | 'Pod' | 'Node' | 'Host' | 'EndpointSlice' | 'Rules' | 'DnsAnswer';
  name?: string;
  selector?: string;
  host?: HostName;
  role: LessonText;
}

export interface LessonDiagram {
  kind: LessonDiagramKind;
  caption: LessonText;
  /** Said while the objects do not exist yet. */
  empty: LessonText;
  shows: LessonDiagramObject[];
}

export interface LessonStep {
  id: string;
  section: string;
  host: HostName;
  /** As written in the lesson: `{...}` placeholders are filled by lessonCommand. */
  command: string;
  title: LessonText;
  text: LessonText;
  lookFor: LessonText;
  hint: LessonText;
  /** The command fails on purpose (the lesson's typos). */
  fails: boolean;
}

export interface LessonQuizItem {
  id: string;
  question: LessonText;
  choices: LessonText[];
  /** Index into `choices`. */
  answer: number;
  explain: LessonText;
}

export interface LessonSection {
  id: string;
  kind: LessonSectionKind;
  title: LessonText;
  /** Paragraphs; `code`, **bold**, "- " and "1. " lists, | tables |. */
  body: LessonText;
  diagram?: LessonDiagram;
  steps: LessonStep[];
  quiz: LessonQuizItem[];
}

export interface LessonView {
  id: string;
  title: LessonText;
  summary: LessonText;
  sections: LessonSection[];
}

export interface LessonStepStatus {
  id: string;
  section: string;
  passed: boolean;
  passedAt?: string;
}

/** The learner's progress, as saved in the settings folder. */
export interface LessonStatus {
  lesson: string;
  /** The first step not passed yet (absent: all done). */
  next?: string;
  /** The step the learner was last on. */
  current?: string;
  passed: number;
  total: number;
  steps: LessonStepStatus[];
}

/** A step's command as its button types it; `problem` says why it cannot be filled in yet (e.g. no pod). */
export interface LessonCommand {
  id: string;
  host: HostName;
  command?: string;
  problem?: LessonText;
}

export interface LessonCheck {
  id: string;
  passed: boolean;
  /** Empty when passed; else what is missing, then what to do. */
  hint: LessonText;
  ms: number;
}

export interface LessonReset {
  /** The step, or "lab". */
  target: string;
  ms: number;
  /** Everything is in place (false: the deadline came first; `pending` says what is still on its way). */
  settled: boolean;
  pending: LessonText[];
}

/** One DNS question a diagram draws, answered by the cluster DNS (dig from the first webui pod). */
export interface LessonDnsAnswer {
  /** The Service whose name was asked. */
  service: string;
  name: string;
  /** NOERROR, NXDOMAIN, …; absent when no server answered. */
  status?: string;
  records: { name: string; type: string; data: string }[];
  /** Where dig ran, e.g. "pod webui-…". */
  from?: string;
}

/** A Service's kube-proxy rules in one node, chain by chain, as iptables-save prints them. */
export interface LessonRules {
  host: HostName;
  service: string;
  /** KUBE-SERVICES / KUBE-NODEPORTS rules that lead to the Service. */
  entries: LessonRule[];
  /** KUBE-EXT-, KUBE-SVC-, KUBE-SEP- chains, in the order a packet meets them. */
  chains: { name: string; rules: LessonRule[] }[];
}

export interface LessonRule {
  chain: string;
  text: string;
  jump?: string;
  probability?: number;
  toDestination?: string;
}

/** What a section's diagram needs beyond the cluster view: DNS answers and rules, read live. */
export interface LessonDiagramFacts {
  section: string;
  dns: LessonDnsAnswer[];
  rules: LessonRules[];
  /** Why some of it could not be read (English; the panel draws what it has). */
  problems: string[];
}

// --- the contract ---------------------------------------------------------------------------

/** Requests: each answers once. */
export interface ApiRequests {
  appInfo(): Promise<AppInfo>;
  checkDocker(): Promise<DockerCheck>;
  imageStatus(): Promise<ImageStatus>;
  buildImage(): Promise<TaskHandle>;
  /** Path of an image tarball on the engine's machine. */
  loadImage(path: string): Promise<TaskHandle>;
  /** A file dialog (Electron); null when cancelled or not available. */
  chooseImageFile(): Promise<string | null>;
  cancelTask(taskId: string): Promise<void>;
  labStatus(): Promise<LabStatus>;
  startLab(): Promise<TaskHandle>;
  stopLab(): Promise<TaskHandle>;

  openTerminal(target: TerminalTarget, size: TerminalSize): Promise<TerminalOpened>;

  /** Starts (or restarts) the live cluster view; updates arrive through onClusterView. */
  watchCluster(): Promise<ClusterView>;
  describeObject(ref: ObjectRef): Promise<ObjectDetails>;
  /** Follows one Service's counters (null stops); samples arrive through onTraffic. */
  watchTraffic(service: ServiceRef | null): Promise<void>;

  listManifests(): Promise<ManifestFile[]>;
  readManifest(name: string): Promise<string>;
  writeManifest(name: string, text: string): Promise<void>;

  loadSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<void>;
  /** Opens an http(s) link outside the app, after checking it. */
  openExternal(url: string): Promise<boolean>;

  /** The lesson's sections, steps and quiz, in both languages. */
  lessonList(): Promise<LessonView>;
  lessonStatus(): Promise<LessonStatus>;
  /** The step's command with its placeholders filled from the live cluster. */
  lessonCommand(stepId: string): Promise<LessonCommand>;
  /** Checks the step against the live cluster (≤ 500 ms); a pass is saved and announced through onLessonProgress. */
  lessonCheck(stepId: string): Promise<LessonCheck>;
  /** Brings the cluster to the state the step expects (≤ 5 s). */
  lessonResetStep(stepId: string): Promise<LessonReset>;
  /** Empties the cluster back to its start (hosts kept) and forgets the progress. */
  lessonResetLab(): Promise<LessonReset>;
  /** The live DNS answers and rules a section's diagram draws. */
  lessonDiagram(sectionId: string): Promise<LessonDiagramFacts>;
}

/** Notifications: fire and forget, for the terminal's hot path. */
export interface ApiNotifications {
  writeTerminal(id: string, data: string): void;
  resizeTerminal(id: string, size: TerminalSize): void;
  /** The renderer has drawn this many characters of the terminal's output. */
  ackTerminal(id: string, chars: number): void;
  closeTerminal(id: string): void;
}

/** Events from the engine. */
export interface ApiEvents {
  progress: TaskProgress;
  terminalData: TerminalData;
  terminalExit: TerminalExit;
  clusterView: ClusterView;
  traffic: TrafficSample;
  /** The progress changed (a check passed, a reset), from any window. */
  lessonProgress: LessonStatus;
}

export type Unsubscribe = () => void;

/** What the renderer holds: requests, notifications, and one subscription per event. */
export interface KubelabApi extends ApiRequests, ApiNotifications {
  onProgress(listener: (e: TaskProgress) => void): Unsubscribe;
  onTerminalData(listener: (e: TerminalData) => void): Unsubscribe;
  onTerminalExit(listener: (e: TerminalExit) => void): Unsubscribe;
  onClusterView(listener: (e: ClusterView) => void): Unsubscribe;
  onTraffic(listener: (e: TrafficSample) => void): Unsubscribe;
  onLessonProgress(listener: (e: LessonStatus) => void): Unsubscribe;
}

/** What the engine serves to one client (a window or a WebSocket); dispose resolves once its terminals are hung up. */
export type EngineSession = ApiRequests & ApiNotifications & { dispose(): Promise<void> };

/** How the engine reaches one client. */
export type EventSink = <E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]) => void;

export const REQUEST_NAMES = [
  'appInfo', 'checkDocker', 'imageStatus', 'buildImage', 'loadImage', 'chooseImageFile', 'cancelTask',
  'labStatus', 'startLab', 'stopLab', 'openTerminal', 'watchCluster', 'describeObject', 'watchTraffic',
  'listManifests', 'readManifest', 'writeManifest', 'loadSettings', 'saveSettings', 'openExternal',
  'lessonList', 'lessonStatus', 'lessonCommand', 'lessonCheck', 'lessonResetStep', 'lessonResetLab', 'lessonDiagram',
] as const satisfies readonly (keyof ApiRequests)[];

export const NOTIFICATION_NAMES = ['writeTerminal', 'resizeTerminal', 'ackTerminal', 'closeTerminal'] as const satisfies readonly (keyof ApiNotifications)[];

export const EVENT_NAMES = ['progress', 'terminalData', 'terminalExit', 'clusterView', 'traffic', 'lessonProgress'] as const satisfies readonly (keyof ApiEvents)[];

// Every name listed, none forgotten: a compile error here means a list above is incomplete.
type Missing<T, L extends readonly string[]> = Exclude<keyof T, L[number]>;
const _allRequests: Missing<ApiRequests, typeof REQUEST_NAMES> extends never ? true : never = true;
const _allNotifications: Missing<ApiNotifications, typeof NOTIFICATION_NAMES> extends never ? true : never = true;
const _allEvents: Missing<ApiEvents, typeof EVENT_NAMES> extends never ? true : never = true;
void _allRequests;
void _allNotifications;
void _allEvents;

// --- the WebSocket's messages (kubelab serve) ----------------------------------------------

export type WireClientMessage =
  | { t: 'call'; id: number; m: keyof ApiRequests; a: unknown[] }
  | { t: 'note'; m: keyof ApiNotifications; a: unknown[] };

export type WireServerMessage =
  | { t: 'result'; id: number; ok: true; v: unknown }
  | { t: 'result'; id: number; ok: false; e: string }
  | { t: 'event'; e: keyof ApiEvents; p: unknown };

/** The WebSocket's path under `kubelab serve`. */
export const WS_PATH = '/ws';
