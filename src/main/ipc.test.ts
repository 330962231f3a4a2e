// IPC calls with wrong arguments into Electron main's handlers, without Electron:
// `electron` is replaced by a fake ipcMain that records what serveIpc registers,
// and the handlers are called as Electron would call them. Every method of the
// contract is tried with missing, extra, wrong-typed, oversized and
// prototype-polluting arguments (src/lab/bridge/validate.ts must refuse them with
// an InvalidArgument that says what was wrong, or — settings only — fall back to
// defaults), and every message from anything but our own top frame is refused.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, NOTIFICATION_NAMES, REQUEST_NAMES, type EngineSession } from '../shared/api';
import { InvalidArgument, notificationArgs, requestArgs } from '../lab/bridge/validate';

type Listener = (event: unknown, ...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const handlers = new Map<string, Listener>();
  const listeners = new Map<string, Listener[]>();
  return {
    handlers,
    listeners,
    ipcMain: {
      handle: (channel: string, fn: Listener) => {
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, fn);
      },
      removeHandler: (channel: string) => void handlers.delete(channel),
      on: (channel: string, fn: Listener) => void listeners.set(channel, [...(listeners.get(channel) ?? []), fn]),
      removeAllListeners: (channel: string) => void listeners.delete(channel),
    },
  };
});

vi.mock('electron', () => ({ ipcMain: fake.ipcMain, net: {}, protocol: {} }));

const { isTrustedSender, serveIpc } = await import('./ipc');
const { APP_ORIGIN } = await import('./protocol');

// --- one valid call of every method -------------------------------------------------------

/** Valid arguments per method; `lenient` positions are sanitized rather than refused. */
interface Sample {
  args: unknown[];
  lenient?: number[];
  /** Positions where null is a valid value (watchTraffic's "stop"). */
  nullable?: number[];
}

const REQUESTS: Record<string, Sample> = {
  appInfo: { args: [] },
  checkDocker: { args: [] },
  imageStatus: { args: [] },
  buildImage: { args: [] },
  loadImage: { args: ['/home/me/kubelab-image.tar'] },
  chooseImageFile: { args: [] },
  cancelTask: { args: ['task-7'] },
  labStatus: { args: [] },
  startLab: { args: [] },
  stopLab: { args: [] },
  openTerminal: { args: [{ kind: 'pod', namespace: 'default', pod: 'web-7d9f-abcde' }, { cols: 80, rows: 24 }] },
  watchCluster: { args: [] },
  describeObject: { args: [{ kind: 'Service', namespace: 'default', name: 'web' }] },
  watchTraffic: { args: [{ namespace: 'default', name: 'web' }], nullable: [0] },
  listManifests: { args: [] },
  readManifest: { args: ['deploy-nginx.yaml'] },
  writeManifest: { args: ['deploy-nginx.yaml', 'apiVersion: apps/v1\nkind: Deployment\n'] },
  loadSettings: { args: [] },
  saveSettings: { args: [{ ...DEFAULT_SETTINGS, language: 'ko', terminals: [{ kind: 'host', host: 'node1' }] }], lenient: [0] },
  openExternal: { args: ['https://kubernetes.io/docs/'] },
  lessonList: { args: [] },
  lessonStatus: { args: [] },
  lessonCommand: { args: ['create-deployment'] },
  lessonCheck: { args: ['create-deployment'] },
  lessonResetStep: { args: ['create-deployment'] },
  lessonResetLab: { args: [] },
  lessonDiagram: { args: ['clusterip'] },
};

const NOTIFICATIONS: Record<string, Sample> = {
  writeTerminal: { args: ['t-1', 'kubectl get pods\r'] },
  resizeTerminal: { args: ['t-1', { cols: 120, rows: 40 }] },
  ackTerminal: { args: ['t-1', 4096] },
  closeTerminal: { args: ['t-1'] },
};

type Validator = (args: unknown) => unknown[];
const validators = { ...(requestArgs as unknown as Record<string, Validator>), ...(notificationArgs as unknown as Record<string, Validator>) };
const methods = [...REQUEST_NAMES.map((n) => [n, REQUESTS[n]] as const), ...NOTIFICATION_NAMES.map((n) => [n, NOTIFICATIONS[n]] as const)];

/** The validator's verdict: the arguments it passes on, or its error. */
function verdict(method: string, args: unknown): { ok: unknown[] } | { error: unknown } {
  try {
    return { ok: validators[method]!(args) };
  } catch (error) {
    return { error };
  }
}

function expectRefused(method: string, args: unknown, what: string): void {
  const v = verdict(method, args);
  expect('error' in v, `${method} accepted ${what}`).toBe(true);
  const error = (v as { error: unknown }).error;
  expect(error, `${method} with ${what}`).toBeInstanceOf(InvalidArgument);
  // A clear error says what it wanted, not what JavaScript tripped over.
  expect((error as Error).message).toMatch(/must|takes|is not|one of|a manifest/);
  expect((error as Error).message).not.toMatch(/undefined is not|Cannot read|of null|of undefined/);
}

/** Values of every type structured clone (IPC) or JSON (the serve socket) can deliver. */
const OF_EVERY_TYPE: [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['a number', 7],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['a bigint', 7n],
  ['a boolean', true],
  ['a string', 'web'],
  ['an empty string', ''],
  ['an array', ['web']],
  ['an empty object', {}],
  ['a Date', new Date(0)],
  ['a Map', new Map([['kind', 'host']])],
  ['a Uint8Array', new Uint8Array([1, 2, 3])],
  ['a RegExp', /web/],
];

function sameKind(a: unknown, b: unknown): boolean {
  if (a === null || b === null) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b);
  if (typeof a === 'object' && typeof b === 'object') return Object.getPrototypeOf(a) === Object.getPrototypeOf(b);
  return typeof a === typeof b;
}

describe('argument validators, every method of the contract', () => {
  it('have a sample call for every request and notification', () => {
    for (const [name, sample] of methods) expect(sample, `no sample for ${name}: add one above`).toBeDefined();
  });

  it.each(methods)('%s: accepts its valid call', (name, sample) => {
    const v = verdict(name, structuredClone(sample!.args));
    expect(v).toHaveProperty('ok');
    expect((v as { ok: unknown[] }).ok).toHaveLength(sample!.args.length);
  });

  it.each(methods)('%s: refuses missing and extra arguments, and arguments that are not a list', (name, sample) => {
    const args = sample!.args;
    for (let n = 0; n <= args.length + 2; n++) {
      if (n === args.length) continue;
      const call = Array.from({ length: n }, (_, i) => (i < args.length ? structuredClone(args[i]) : 'extra'));
      expectRefused(name, call, `${n} argument(s)`);
    }
    for (const [what, v] of [['undefined', undefined], ['null', null], ['a string', 'x'], ['an array-like object', { 0: 'x', length: 1 }]] as const) {
      expectRefused(name, v, what);
    }
  });

  it.each(methods)('%s: refuses arguments of the wrong type', (name, sample) => {
    sample!.args.forEach((valid, i) => {
      if (sample!.lenient?.includes(i)) return;
      for (const [what, wrong] of OF_EVERY_TYPE) {
        if (sameKind(wrong, valid) || (wrong === null && sample!.nullable?.includes(i))) continue;
        const call = structuredClone(sample!.args) as unknown[];
        call[i] = wrong;
        expectRefused(name, call, `${what} as argument ${i}`);
      }
      // Objects: each field of the wrong type, or missing.
      if (valid && typeof valid === 'object' && !Array.isArray(valid)) {
        for (const key of Object.keys(valid)) {
          for (const wrong of [undefined, 42, 'x', { nested: true }]) {
            if (sameKind(wrong, (valid as Record<string, unknown>)[key])) continue;
            const call = structuredClone(sample!.args) as unknown[];
            (call[i] as Record<string, unknown>)[key] = wrong;
            expectRefused(name, call, `${key}: ${JSON.stringify(wrong)} in argument ${i}`);
          }
        }
      }
    });
  });

  it.each(methods)('%s: refuses oversized strings anywhere', (name, sample) => {
    const huge = 'a'.repeat((1 << 20) + 1);
    sample!.args.forEach((valid, i) => {
      if (sample!.lenient?.includes(i)) return;
      const call = structuredClone(sample!.args) as unknown[];
      if (typeof valid === 'string') call[i] = huge;
      else if (valid && typeof valid === 'object') {
        const key = Object.keys(valid).find((k) => typeof (valid as Record<string, unknown>)[k] === 'string');
        if (!key) return;
        (call[i] as Record<string, unknown>)[key] = huge;
      } else return;
      expectRefused(name, call, `a 1 MiB string in argument ${i}`);
    });
  });

  it.each(methods)('%s: neither passes on nor obeys prototype-polluting keys', (name, sample) => {
    sample!.args.forEach((valid, i) => {
      if (!valid || typeof valid !== 'object' || Array.isArray(valid)) return;
      // What JSON.parse (the serve socket) makes of such keys: own properties named __proto__ and constructor.
      const polluted = JSON.parse(JSON.stringify(valid).replace(/^\{/, '{"__proto__":{"polluted":"yes","kind":"host","host":"node1"},"constructor":{"prototype":{"polluted":"yes"}},')) as unknown;
      const call = structuredClone(sample!.args) as unknown[];
      call[i] = polluted;
      const v = verdict(name, call);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      if ('ok' in v) {
        const out = v.ok[i] as Record<string, unknown>;
        expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
        expect(Object.keys(out)).not.toContain('__proto__');
        expect(Object.keys(out)).not.toContain('constructor');
        expect(out.polluted).toBeUndefined();
      }
      // An object with only the polluting keys is not the argument it pretends to be.
      if (!sample!.lenient?.includes(i)) {
        const only = structuredClone(sample!.args) as unknown[];
        only[i] = JSON.parse('{"__proto__":{"kind":"host","host":"node1","namespace":"default","name":"web","cols":80,"rows":24}}');
        expectRefused(name, only, `only __proto__ in argument ${i}`);
      }
    });
  });

  it('sanitizes settings field by field whatever arrives, and caps their lists', () => {
    for (const [what, wrong] of OF_EVERY_TYPE) {
      const [out] = validators.saveSettings!([wrong]) as [Record<string, unknown>];
      expect(Object.keys(out).sort(), what).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
      // Anything but an object is no settings at all: the defaults.
      if (wrong === null || typeof wrong !== 'object' || Array.isArray(wrong)) expect(out, what).toEqual(DEFAULT_SETTINGS);
    }
    const [many] = validators.saveSettings!([{ ...DEFAULT_SETTINGS, terminals: Array.from({ length: 100_000 }, () => ({ kind: 'host', host: 'node1' })), fontSize: 1e308, split: Number.NaN, theme: { dark: true } }]) as [typeof DEFAULT_SETTINGS];
    expect(many.terminals).toHaveLength(32);
    expect(many.fontSize).toBe(32);
    expect(many.split).toBe(DEFAULT_SETTINGS.split);
    expect(many.theme).toBe(DEFAULT_SETTINGS.theme);
    expect(Object.keys(many).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
  });
});

// --- the handlers serveIpc registers ---------------------------------------------------------

function fakeSession(): EngineSession & { calls: [string, unknown[]][] } {
  const calls: [string, unknown[]][] = [];
  const s: Record<string, unknown> = { calls, dispose: async () => undefined };
  for (const name of [...REQUEST_NAMES, ...NOTIFICATION_NAMES]) {
    s[name] = (...args: unknown[]) => {
      calls.push([name, args]);
      return `${name} done`;
    };
  }
  return s as unknown as EngineSession & { calls: [string, unknown[]][] };
}

const isAppUrl = (url: string) => {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
};

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

const ourContents = { id: 1 };
const topFrame: FakeFrame = { url: `${APP_ORIGIN}/index.html`, parent: null };
const event = (sender: unknown, senderFrame: FakeFrame | null) => ({ sender, senderFrame });
const trusted = () => event(ourContents, topFrame);

/** Senders that are not our window's own page. */
const STRANGERS: [string, ReturnType<typeof event>][] = [
  ['another window', event({ id: 2 }, topFrame)],
  ['a frame inside our page', event(ourContents, { url: `${APP_ORIGIN}/index.html`, parent: topFrame })],
  ['a frame that is gone', event(ourContents, null)],
  ['our window navigated to a web page', event(ourContents, { url: 'https://evil.example/kubelab', parent: null })],
  ['our window showing a local file', event(ourContents, { url: 'file:///etc/passwd', parent: null })],
  ['a look-alike origin', event(ourContents, { url: 'kubelab://app.evil/index.html', parent: null })],
  ['a page with no URL', event(ourContents, { url: '', parent: null })],
];

describe('serveIpc: the registered handlers', () => {
  let session: ReturnType<typeof fakeSession>;
  let sessionAsked: number;
  let stop: () => void;

  beforeEach(() => {
    fake.handlers.clear();
    fake.listeners.clear();
    session = fakeSession();
    sessionAsked = 0;
    stop = serveIpc(ourContents as never, () => {
      sessionAsked++;
      return session;
    }, isAppUrl);
  });

  const invoke = (name: string, e: unknown, ...args: unknown[]) => Promise.resolve().then(() => fake.handlers.get(`kubelab:${name}`)!(e, ...args));
  const notify = (name: string, e: unknown, ...args: unknown[]) => {
    for (const fn of fake.listeners.get(`kubelab:${name}`) ?? []) fn(e, ...args);
  };

  it('registers one handler per request and one listener per notification, and nothing else', () => {
    expect([...fake.handlers.keys()].sort()).toEqual(REQUEST_NAMES.map((n) => `kubelab:${n}`).sort());
    expect([...fake.listeners.keys()].sort()).toEqual(NOTIFICATION_NAMES.map((n) => `kubelab:${n}`).sort());
    stop();
    expect(fake.handlers.size).toBe(0);
    expect(fake.listeners.size).toBe(0);
  });

  it.each(REQUEST_NAMES.map((n) => [n] as const))('%s: passes a valid call from our page through, validated', async (name) => {
    await expect(invoke(name, trusted(), ...REQUESTS[name]!.args)).resolves.toBe(`${name} done`);
    expect(session.calls).toEqual([[name, REQUESTS[name]!.args]]);
  });

  it.each(REQUEST_NAMES.map((n) => [n] as const))('%s: refuses every stranger before looking at the arguments or the session', async (name) => {
    for (const [who, e] of STRANGERS) {
      await expect(invoke(name, e, ...REQUESTS[name]!.args), who).rejects.toThrow('refused: not the KubeLab window');
    }
    expect(session.calls).toEqual([]);
    expect(sessionAsked).toBe(0);
  });

  it.each(REQUEST_NAMES.map((n) => [n] as const))('%s: answers bad arguments from our page with the validator’s error, never calling the engine', async (name) => {
    const sample = REQUESTS[name]!;
    await expect(invoke(name, trusted(), ...sample.args, 'extra')).rejects.toBeInstanceOf(InvalidArgument);
    if (sample.args.length > 0 && !sample.lenient?.includes(0)) {
      await expect(invoke(name, trusted(), Symbol.for('nope'), ...sample.args.slice(1))).rejects.toBeInstanceOf(InvalidArgument);
      await expect(invoke(name, trusted())).rejects.toThrow(/takes \d argument/);
    }
    expect(session.calls).toEqual([]);
  });

  it.each(NOTIFICATION_NAMES.map((n) => [n] as const))('%s: delivers valid notifications, and drops bad or foreign ones without throwing', (name) => {
    const sample = NOTIFICATIONS[name]!;
    for (const [, e] of STRANGERS) expect(() => notify(name, e, ...sample.args)).not.toThrow();
    expect(() => notify(name, trusted(), ...sample.args, 'extra')).not.toThrow();
    expect(() => notify(name, trusted(), { __proto__: { polluted: true } })).not.toThrow();
    expect(() => notify(name, trusted(), 'x'.repeat((1 << 20) + 1), 'y'.repeat((1 << 20) + 1))).not.toThrow();
    expect(session.calls).toEqual([]);
    notify(name, trusted(), ...sample.args);
    expect(session.calls).toEqual([[name, sample.args]]);
  });

  it('judges senders by the frame, not by what a message says about itself', () => {
    expect(isTrustedSender(trusted() as never, ourContents as never, isAppUrl)).toBe(true);
    for (const [, e] of STRANGERS) expect(isTrustedSender(e as never, ourContents as never, isAppUrl)).toBe(false);
  });
});
