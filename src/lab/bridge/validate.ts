// Checks on everything that crosses from a renderer (IPC or WebSocket) into the
// engine. The renderer is treated as untrusted: a compromised page must not be
// able to reach a file, a container or a URL the UI itself would never ask for.
// Pure; one validator per method, no generic pass-through.
import {
  DEFAULT_SETTINGS,
  HOST_NAMES,
  type ApiNotifications,
  type ApiRequests,
  type HostName,
  type ObjectRef,
  type ServiceRef,
  type Settings,
  type TerminalSize,
  type TerminalTarget,
} from '../../shared/api';

export class InvalidArgument extends Error {}

const fail = (what: string): never => {
  throw new InvalidArgument(what);
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown, what: string, max = 256): string {
  if (typeof v !== 'string' || v.length > max) return fail(`${what} must be a string of at most ${max} characters`);
  return v;
}

/** A Kubernetes name (RFC 1123 subdomain), also what namespaces and pods are called. */
export function k8sName(v: unknown, what: string): string {
  const s = str(v, what, 253);
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(s)) return fail(`${what} is not a Kubernetes name`);
  return s;
}

/** Ids the engine hands out (terminals, tasks): short and plain. */
export function id(v: unknown, what: string): string {
  const s = str(v, what, 64);
  if (!/^[A-Za-z0-9_-]+$/.test(s)) return fail(`${what} is not an id`);
  return s;
}

export function host(v: unknown): HostName {
  if (typeof v !== 'string' || !(HOST_NAMES as readonly string[]).includes(v)) return fail(`host must be one of ${HOST_NAMES.join(', ')}`);
  return v as HostName;
}

export function int(v: unknown, what: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) return fail(`${what} must be an integer in ${min}..${max}`);
  return v;
}

/** Terminal sizes are clamped rather than refused: a tiny or huge window is not an attack. */
export function size(v: unknown): TerminalSize {
  if (!isRecord(v) || typeof v.cols !== 'number' || typeof v.rows !== 'number' || !Number.isFinite(v.cols) || !Number.isFinite(v.rows)) {
    return fail('size must be { cols, rows }');
  }
  const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.floor(n)));
  return { cols: clamp(v.cols, 2, 1000), rows: clamp(v.rows, 1, 500) };
}

export function target(v: unknown): TerminalTarget {
  if (!isRecord(v)) return fail('target must be an object');
  if (v.kind === 'host') return { kind: 'host', host: host(v.host) };
  if (v.kind === 'pod') return { kind: 'pod', namespace: k8sName(v.namespace, 'namespace'), pod: k8sName(v.pod, 'pod') };
  return fail('target.kind must be host or pod');
}

export function objectRef(v: unknown): ObjectRef {
  if (!isRecord(v)) return fail('ref must be an object');
  const kinds = ['Node', 'Pod', 'Service', 'EndpointSlice'] as const;
  const kind = kinds.find((k) => k === v.kind) ?? fail('ref.kind is not one the UI shows');
  const ref: ObjectRef = { kind, name: k8sName(v.name, 'name') };
  if (kind !== 'Node') ref.namespace = k8sName(v.namespace, 'namespace');
  return ref;
}

export function serviceRef(v: unknown): ServiceRef | null {
  if (v === null) return null;
  if (!isRecord(v)) return fail('service must be { namespace, name } or null');
  return { namespace: k8sName(v.namespace, 'namespace'), name: k8sName(v.name, 'name') };
}

/** A lesson's step or section id: what resources/lessons allows (lower-case letters, digits, dashes). */
export function lessonId(v: unknown, what: string): string {
  const s = str(v, what, 64);
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(s)) return fail(`${what} is not a lesson id`);
  return s;
}

/** A file directly in master's /root: no directories, no dot files. */
export function manifestName(v: unknown): string {
  const s = str(v, 'file name', 128);
  if (!/^[A-Za-z0-9_][A-Za-z0-9._-]*\.ya?ml$/.test(s)) return fail('a manifest is a .yaml or .yml file name without a directory');
  return s;
}

/** An image tarball path on the engine's machine: absolute, no NUL. */
export function tarballPath(v: unknown): string {
  const s = str(v, 'path', 4096);
  if (s.includes('\0') || !(s.startsWith('/') || /^[A-Za-z]:[\\/]/.test(s))) return fail('the image file must be given as an absolute path');
  return s;
}

const oneOf = <T extends string>(v: unknown, allowed: readonly T[], fallback: T): T => (allowed as readonly unknown[]).includes(v) ? (v as T) : fallback;

/** Settings from a renderer or from disk: whatever is wrong falls back to the default, field by field. */
export function settings(v: unknown): Settings {
  const d = DEFAULT_SETTINGS;
  if (!isRecord(v)) return { ...d, terminals: [...d.terminals] };
  const terminals: TerminalTarget[] = [];
  if (Array.isArray(v.terminals)) {
    for (const t of v.terminals.slice(0, 32)) {
      try {
        terminals.push(target(t));
      } catch {
        // a remembered pod may be gone, or the file hand-edited: skip it
      }
    }
  }
  const num = (x: unknown, lo: number, hi: number, def: number) => (typeof x === 'number' && Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : def);
  return {
    language: oneOf(v.language, ['system', 'ko', 'en'], d.language),
    theme: oneOf(v.theme, ['system', 'light', 'dark'], d.theme),
    fontSize: Math.round(num(v.fontSize, 8, 32, d.fontSize)),
    view: oneOf(v.view, ['topology', 'traffic', 'manifests'], d.view),
    split: num(v.split, 0.15, 0.85, d.split),
    terminalLayout: oneOf(v.terminalLayout, ['tabs', 'columns', 'grid'], d.terminalLayout),
    lessonOpen: typeof v.lessonOpen === 'boolean' ? v.lessonOpen : d.lessonOpen,
    terminals,
    activeTerminal: Math.round(num(v.activeTerminal, 0, Math.max(0, terminals.length - 1), 0)),
  };
}

function arity(args: unknown, n: number, method: string): unknown[] {
  if (!Array.isArray(args) || args.length !== n) return fail(`${method} takes ${n} argument(s)`);
  return args;
}

type ArgsOf<F> = F extends (...a: infer A) => unknown ? A : never;
type Validators<T> = { [K in keyof T]: (args: unknown) => ArgsOf<T[K]> };

const none =
  (m: string) =>
  (a: unknown): [] => {
    arity(a, 0, m);
    return [];
  };

/** One validator per request: returns the arguments typed, or throws InvalidArgument. */
export const requestArgs: Validators<ApiRequests> = {
  appInfo: none('appInfo'),
  checkDocker: none('checkDocker'),
  imageStatus: none('imageStatus'),
  buildImage: none('buildImage'),
  loadImage: (a) => [tarballPath(arity(a, 1, 'loadImage')[0])],
  chooseImageFile: none('chooseImageFile'),
  cancelTask: (a) => [id(arity(a, 1, 'cancelTask')[0], 'taskId')],
  labStatus: none('labStatus'),
  startLab: none('startLab'),
  stopLab: none('stopLab'),
  openTerminal: (a) => {
    const [t, s] = arity(a, 2, 'openTerminal');
    return [target(t), size(s)];
  },
  watchCluster: none('watchCluster'),
  describeObject: (a) => [objectRef(arity(a, 1, 'describeObject')[0])],
  watchTraffic: (a) => [serviceRef(arity(a, 1, 'watchTraffic')[0])],
  listManifests: none('listManifests'),
  readManifest: (a) => [manifestName(arity(a, 1, 'readManifest')[0])],
  writeManifest: (a) => {
    const [n, text] = arity(a, 2, 'writeManifest');
    return [manifestName(n), str(text, 'manifest text', 1 << 20)];
  },
  loadSettings: none('loadSettings'),
  saveSettings: (a) => [settings(arity(a, 1, 'saveSettings')[0])],
  openExternal: (a) => [str(arity(a, 1, 'openExternal')[0], 'url', 2048)],
  lessonList: none('lessonList'),
  lessonStatus: none('lessonStatus'),
  lessonCommand: (a) => [lessonId(arity(a, 1, 'lessonCommand')[0], 'step')],
  lessonCheck: (a) => [lessonId(arity(a, 1, 'lessonCheck')[0], 'step')],
  lessonResetStep: (a) => [lessonId(arity(a, 1, 'lessonResetStep')[0], 'step')],
  lessonResetLab: none('lessonResetLab'),
  lessonDiagram: (a) => [lessonId(arity(a, 1, 'lessonDiagram')[0], 'section')],
};

/** One validator per notification. */
export const notificationArgs: Validators<ApiNotifications> = {
  // A paste can be large; more than this is not typing.
  writeTerminal: (a) => {
    const [i, d] = arity(a, 2, 'writeTerminal');
    return [id(i, 'terminal id'), str(d, 'input', 1 << 20)];
  },
  resizeTerminal: (a) => {
    const [i, s] = arity(a, 2, 'resizeTerminal');
    return [id(i, 'terminal id'), size(s)];
  },
  ackTerminal: (a) => {
    const [i, n] = arity(a, 2, 'ackTerminal');
    return [id(i, 'terminal id'), int(n, 'chars', 0, 1 << 30)];
  },
  closeTerminal: (a) => [id(arity(a, 1, 'closeTerminal')[0], 'terminal id')],
};

export function isRequest(name: unknown): name is keyof ApiRequests {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requestArgs, name);
}

export function isNotification(name: unknown): name is keyof ApiNotifications {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(notificationArgs, name);
}
